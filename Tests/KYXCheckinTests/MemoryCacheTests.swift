import Outpost
import Testing

@testable import KYXCheckin

/// The process-local level in front of KV.
@Suite("Memory level")
struct MemoryCacheTests {
    @Test func entriesExpireAndAreDroppedByKeyOrPrefix() {
        let memory = MemoryCache()
        memory.set("session:a", 1, seconds: 10, now: 100)
        memory.set("user_stats:1", 2, seconds: 10, now: 100)
        #expect(memory.get("session:a", now: 109.9) == 1)
        #expect(memory.get("session:a", now: 110) == nil)
        memory.remove(prefixes: ["user_stats:"])
        #expect(memory.get("user_stats:1", now: 101) == nil)
    }

    /// The login warm-up reads the stats from D1 while the user checks in: its late fill must not
    /// replace the check-in's update (the browser test saw the old stats after a check-in).
    @Test func aLateFillNeverReplacesALiveUpdate() {
        let memory = MemoryCache()
        memory.set("user_stats:1", ["totalDays": 1], seconds: 30, now: 100)
        memory.set("user_stats:1", ["totalDays": 0], seconds: 30, now: 101, replace: false)
        #expect(memory.get("user_stats:1", now: 102) == ["totalDays": 1])
        memory.set("user_stats:2", ["totalDays": 0], seconds: 30, now: 101, replace: false)
        #expect(memory.get("user_stats:2", now: 102) == ["totalDays": 0])
    }

    @Test func aFullCacheDropsExpiredEntriesFirst() {
        let memory = MemoryCache(capacity: 2)
        memory.set("a", 1, seconds: 1, now: 0)
        memory.set("b", 2, seconds: 100, now: 0)
        memory.set("c", 3, seconds: 100, now: 50)
        #expect(memory.get("b", now: 51) == 2)
        #expect(memory.get("c", now: 51) == 3)
    }
}
