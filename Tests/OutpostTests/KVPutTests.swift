import Outpost
import OutpostTesting
import Testing

@Suite("KV put")
struct KVPutTests {
    @Test(
        arguments: KVBackend.allCases,
        [
            (0, "KV PUT failed: 400 Invalid expiration_ttl of 0. Please specify integer greater than 0."),
            (-5, "KV PUT failed: 400 Invalid expiration_ttl of -5. Please specify integer greater than 0."),
            (1, "KV PUT failed: 400 Invalid expiration_ttl of 1. Expiration TTL must be at least 60."),
            (30, "KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60."),
            (59, "KV PUT failed: 400 Invalid expiration_ttl of 59. Expiration TTL must be at least 60."),
        ])
    func invalidTtl(backend: KVBackend, _ argument: (Int, String)) async throws {
        let (ttl, message) = argument
        let (kv, _, storage) = try makeNamespace(backend)
        #expect(await errorMessage { try await kv.put("k", "v", expirationTtl: ttl) } == message)
        #expect(try await entryCount(storage) == 0)
    }

    @Test(arguments: KVBackend.allCases) func ttlOf60IsAcceptedAndReportedAsAbsoluteSeconds(backend: KVBackend)
        async throws
    {
        let (kv, clock, _) = try makeNamespace(backend)
        try await kv.put("k", "v", expirationTtl: 60)
        #expect(try await kv.list().keys == [KVListKey(name: "k", expiration: clock.seconds + 60)])
    }

    @Test(
        arguments: KVBackend.allCases,
        [
            (0, "Please specify integer greater than the current number of seconds since the UNIX epoch."),
            (-1, "Please specify integer greater than the current number of seconds since the UNIX epoch."),
            (1, "Expiration times must be at least 60 seconds in the future."),
            (59, "Expiration times must be at least 60 seconds in the future."),
        ])
    func invalidExpiration(backend: KVBackend, _ argument: (Int, String)) async throws {
        let (offset, reason) = argument
        let (kv, clock, storage) = try makeNamespace(backend)
        let expiration = clock.seconds + offset
        #expect(
            await errorMessage { try await kv.put("k", "v", expiration: expiration) }
                == "KV PUT failed: 400 Invalid expiration of \(expiration). \(reason)")
        #expect(try await entryCount(storage) == 0)
    }

    @Test(arguments: KVBackend.allCases) func expirationOfNowPlus60IsAccepted(backend: KVBackend) async throws {
        let (kv, clock, _) = try makeNamespace(backend)
        try await kv.put("k", "v", expiration: clock.seconds + 60)
        #expect(try await kv.list().keys == [KVListKey(name: "k", expiration: clock.seconds + 60)])
    }

    @Test(arguments: KVBackend.allCases) func hugeTtlAndExpirationDoNotOverflow(backend: KVBackend) async throws {
        let (kv, clock, _) = try makeNamespace(backend)
        try await kv.put("ttl", "v", expirationTtl: Int.max)
        try await kv.put("abs", "v", expiration: Int.max)
        clock.advance(seconds: 10 * 365 * 24 * 3600)
        #expect(try await kv.get(["ttl", "abs"]).values == ["v", "v"])
        #expect(try await kv.list().keys.count == 2)
    }

    @Test(arguments: KVBackend.allCases) func expirationTtlWinsOverExpiration(backend: KVBackend) async throws {
        let (kv, clock, _) = try makeNamespace(backend)
        // An invalid expiration is not even checked when a ttl is given.
        try await kv.put("k", "v", expiration: 1, expirationTtl: 120)
        #expect(try await kv.list().keys.first?.expiration == clock.seconds + 120)
    }

    @Test(arguments: KVBackend.allCases) func nowIsRoundedDownToSecondsForExpirationChecks(backend: KVBackend)
        async throws
    {
        let (kv, clock, _) = try makeNamespace(backend)
        clock.advance(milliseconds: 999)
        // now = …000.999 s counts as …000 s, so now+60 is accepted and stored in whole seconds.
        try await kv.put("k", "v", expiration: clock.seconds + 60)
        try await kv.put("t", "v", expirationTtl: 60)
        let keys = try await kv.list().keys
        #expect(keys.map(\.expiration) == [clock.seconds + 60, clock.seconds + 60])
    }

    @Test(arguments: KVBackend.allCases) func metadataOf1024BytesIsAcceptedAnd1025Rejected(backend: KVBackend)
        async throws
    {
        let (kv, _, _) = try makeNamespace(backend)
        // JSON string "…": 2 quotes + n characters.
        let ok: JSONValue = .string(bytesString(1022))
        try await kv.put("k", "v", metadata: ok)
        #expect(try await kv.getWithMetadata("k").metadata == ok)
        #expect(
            await errorMessage { try await kv.put("k2", "v", metadata: .string(bytesString(1023))) }
                == "KV PUT failed: 413 Metadata length of 1025 exceeds limit of 1024.")
        #expect(try await kv.get("k2") == nil)
    }

    @Test(arguments: KVBackend.allCases) func metadataLengthIsTheSerializedUTF8Length(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        let metadata: JSONValue = ["name": .string(bytesString(600, "é"))]
        // {"name":"…"} = 11 bytes + 1200.
        #expect(
            await errorMessage { try await kv.put("k", "v", metadata: metadata) }
                == "KV PUT failed: 413 Metadata length of 1211 exceeds limit of 1024.")
    }

    @Test(
        arguments: KVBackend.allCases,
        [
            JSONValue.object(["a": 1, "b": ["c", true]]), .number(123), .string("text"), .bool(false), .array([]),
        ])
    func metadataMayBeAnyJSON(backend: KVBackend, metadata: JSONValue) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("k", "v", metadata: metadata)
        let result = try await kv.getWithMetadata("k")
        #expect(result.value == "v")
        #expect(result.metadata == metadata)
        #expect(result.cacheStatus == nil)
        #expect(try await kv.list().keys == [KVListKey(name: "k", metadata: metadata)])
    }

    @Test(arguments: KVBackend.allCases) func nullMetadataMeansNone(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("k", "v", metadata: .null)
        #expect(try await kv.getWithMetadata("k").metadata == nil)
        #expect(try await kv.list().keys == [KVListKey(name: "k")])
        #expect(try await kv.list().keys.first?.json == ["name": "k"])
    }

    @Test(arguments: KVBackend.allCases) func valueOf25MiBIsAcceptedAndOneMoreByteRejected(backend: KVBackend)
        async throws
    {
        let (kv, _, _) = try makeNamespace(backend)
        let limit = 26_214_400
        try await kv.put("k", [UInt8](repeating: 7, count: limit))
        #expect(try await kv.get("k", type: .bytes)?.count == limit)
        let message = "KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400."
        #expect(await errorMessage { try await kv.put("big", [UInt8](repeating: 7, count: limit + 1)) } == message)
        #expect(await errorMessage { try await kv.put("big", bytesString(limit + 1)) } == message)
        #expect(try await kv.get("big") == nil)
    }

    @Test(arguments: KVBackend.allCases) func streamedValueIsCountedAndOversizedStreamRejectedWithItsLength(
        backend: KVBackend
    ) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("k", Self.stream(chunks: [[1, 2], [], [3]]))
        #expect(try await kv.get("k", type: .bytes) == [1, 2, 3])
        let chunk = [UInt8](repeating: 0, count: 1024 * 1024)
        let oversized = Self.stream(chunks: Array(repeating: chunk, count: 25) + [[9, 9]])
        #expect(
            await errorMessage { try await kv.put("big", oversized) }
                == "KV PUT failed: 413 Value length of 26214402 exceeds limit of 26214400.")
        #expect(try await kv.get("big") == nil)
    }

    @Test(arguments: KVBackend.allCases) func validationOrderIsKeyThenExpirationThenMetadataThenValue(
        backend: KVBackend
    ) async throws {
        let (kv, clock, _) = try makeNamespace(backend)
        let huge: JSONValue = .string(bytesString(2000))
        let big = [UInt8](repeating: 0, count: 26_214_401)
        #expect(
            await errorMessage { try await kv.put("", big, expirationTtl: 1, metadata: huge) }
                == "TypeError: Key name cannot be empty.")
        #expect(
            await errorMessage { try await kv.put("k", big, expiration: clock.seconds, metadata: huge) }?
                .hasPrefix("KV PUT failed: 400 Invalid expiration of") == true)
        #expect(
            await errorMessage { try await kv.put("k", big, metadata: huge) }?
                .hasPrefix("KV PUT failed: 413 Metadata length") == true)
        #expect(
            await errorMessage { try await kv.put("k", big) }?.hasPrefix("KV PUT failed: 413 Value length") == true)
    }

    @Test(arguments: KVBackend.allCases) func emptyValueRoundTripsAsEmptyNotNil(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("k", "")
        #expect(try await kv.get("k") == "")
        #expect(try await kv.get("k", type: .bytes) == [])
        var chunks = 0
        if let stream = try await kv.get("k", type: .stream) {
            for try await _ in stream { chunks += 1 }
        }
        #expect(chunks == 0)
    }

    @Test(arguments: KVBackend.allCases) func overwriteReplacesValueMetadataAndExpiration(backend: KVBackend)
        async throws
    {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("k", "one", expirationTtl: 100, metadata: ["v": 1])
        try await kv.put("k", "two")
        let result = try await kv.getWithMetadata("k")
        #expect(result.value == "two")
        #expect(result.metadata == nil)
        #expect(try await kv.list().keys == [KVListKey(name: "k")])
    }

    @Test(arguments: KVBackend.allCases) func deleteOfMissingKeySucceeds(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.delete("missing")
        try await kv.put("k", "v")
        try await kv.delete("k")
        #expect(try await kv.get("k") == nil)
    }

    static func stream(chunks: [[UInt8]]) -> ByteStream {
        ByteStream { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
    }
}
