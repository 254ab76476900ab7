import Outpost
import OutpostTesting
import Testing

@Suite("KV expiry")
struct KVExpiryTests {
    @Test func goneExactlyAtExpiration() async throws {
        let (kv, clock, _) = makeNamespace()
        try await kv.put("k", "v", expirationTtl: 60, metadata: ["a": 1])
        clock.advance(milliseconds: 59_999)
        #expect(try await kv.get("k") == "v")
        #expect(try await kv.list().keys.map(\.name) == ["k"])
        clock.advance(milliseconds: 1)
        #expect(try await kv.get("k") == nil)
        #expect(try await kv.getWithMetadata("k").metadata == nil)
        #expect(try await kv.get(["k"])["k"] == nil)
        #expect(try await kv.list().keys.isEmpty)
    }

    @Test func absoluteExpiration() async throws {
        let (kv, clock, _) = makeNamespace()
        let expiration = clock.seconds + 3600
        try await kv.put("k", "v", expiration: expiration)
        clock.advance(seconds: 3599)
        #expect(try await kv.get("k") == "v")
        clock.advance(seconds: 1)
        #expect(try await kv.get("k") == nil)
    }

    @Test func expiredKeysAreDroppedAndOthersKept() async throws {
        let (kv, clock, storage) = makeNamespace()
        try await kv.put("short", "v", expirationTtl: 60)
        try await kv.put("long", "v", expirationTtl: 600)
        try await kv.put("forever", "v")
        clock.advance(seconds: 61)
        #expect(try await kv.list().keys.map(\.name) == ["forever", "long"])
        #expect(try await kv.get("short") == nil)
        #expect(storage.count == 2)
    }

    @Test func rewritingRemovesExpiration() async throws {
        let (kv, clock, _) = makeNamespace()
        try await kv.put("k", "v", expirationTtl: 60)
        try await kv.put("k", "w")
        clock.advance(seconds: 120)
        #expect(try await kv.get("k") == "w")
    }
}
