import Outpost
import OutpostTesting
import Testing

@Suite("KV expiry")
struct KVExpiryTests {
    @Test(arguments: KVBackend.allCases) func goneExactlyAtExpiration(backend: KVBackend) async throws {
        let (kv, clock, _) = try makeNamespace(backend)
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

    @Test(arguments: KVBackend.allCases) func absoluteExpiration(backend: KVBackend) async throws {
        let (kv, clock, _) = try makeNamespace(backend)
        let expiration = clock.seconds + 3600
        try await kv.put("k", "v", expiration: expiration)
        clock.advance(seconds: 3599)
        #expect(try await kv.get("k") == "v")
        clock.advance(seconds: 1)
        #expect(try await kv.get("k") == nil)
    }

    @Test(arguments: KVBackend.allCases) func expiredKeysAreDroppedAndOthersKept(backend: KVBackend) async throws {
        let (kv, clock, storage) = try makeNamespace(backend)
        try await kv.put("short", "v", expirationTtl: 60)
        try await kv.put("long", "v", expirationTtl: 600)
        try await kv.put("forever", "v")
        clock.advance(seconds: 61)
        #expect(try await kv.list().keys.map(\.name) == ["forever", "long"])
        #expect(try await kv.get("short") == nil)
        #expect(try await entryCount(storage) == 2)
    }

    @Test(arguments: KVBackend.allCases) func rewritingRemovesExpiration(backend: KVBackend) async throws {
        let (kv, clock, _) = try makeNamespace(backend)
        try await kv.put("k", "v", expirationTtl: 60)
        try await kv.put("k", "w")
        clock.advance(seconds: 120)
        #expect(try await kv.get("k") == "w")
    }
}
