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
        memory.remove(prefixes: ["user_stats:"], now: 100)
        #expect(memory.get("user_stats:1", now: 101) == nil)
    }

    /// The login warm-up or a page-load read loads the stats from D1 while the user checks in: its late
    /// fill must not replace the check-in's update, nor come back after the update's KV write failed and
    /// dropped the key (the browser test saw the old stats after a check-in under load).
    @Test func aLateFillNeverReplacesAChangeMadeWhileItRead() {
        let memory = MemoryCache()
        let before = memory.token()
        memory.set("user_stats:1", ["totalDays": 1], seconds: 30, now: 100)
        memory.set("user_stats:1", ["totalDays": 0], seconds: 30, now: 101, since: before)
        #expect(memory.get("user_stats:1", now: 102) == ["totalDays": 1])
        let reading = memory.token()
        memory.remove("user_stats:1", now: 103)  // an update whose KV write failed
        memory.set("user_stats:1", ["totalDays": 0], seconds: 30, now: 103, since: reading)
        #expect(memory.get("user_stats:1", now: 104) == nil)
        // A fill whose request began before the change, though its token is newer (a read that waited).
        memory.set("user_stats:1", ["totalDays": 0], seconds: 30, now: 102, since: memory.token())
        #expect(memory.get("user_stats:1", now: 104) == nil)
        memory.set("user_stats:1", ["totalDays": 1], seconds: 30, now: 105, since: memory.token())
        #expect(memory.get("user_stats:1", now: 106) == ["totalDays": 1])
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
