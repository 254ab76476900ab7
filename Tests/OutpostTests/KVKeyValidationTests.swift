import Outpost
import Testing

@Suite("KV key validation")
struct KVKeyValidationTests {
    @Test(
        arguments: KVBackend.allCases,
        [
            ("", "TypeError: Key name cannot be empty."),
            (".", "TypeError: \".\" is not allowed as a key name."),
            ("..", "TypeError: \"..\" is not allowed as a key name."),
        ])
    func illegalKeysAreTypeErrorsForEveryOperation(backend: KVBackend, _ argument: (String, String)) async throws {
        let (key, message) = argument
        let (kv, _, _) = try makeNamespace(backend)
        #expect(await errorMessage { _ = try await kv.get(key) } == message)
        #expect(await errorMessage { _ = try await kv.get(key, type: .json) } == message)
        #expect(await errorMessage { _ = try await kv.getWithMetadata(key) } == message)
        #expect(await errorMessage { try await kv.put(key, "v") } == message)
        #expect(await errorMessage { try await kv.delete(key) } == message)
    }

    @Test(arguments: KVBackend.allCases) func keyOf512BytesIsAccepted(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        let key = bytesString(512)
        try await kv.put(key, "v")
        #expect(try await kv.get(key) == "v")
        #expect(try await kv.getWithMetadata(key).value == "v")
        try await kv.delete(key)
        #expect(try await kv.get(key) == nil)
    }

    @Test(arguments: KVBackend.allCases) func keyOf513BytesFailsWith414NamingTheOperation(backend: KVBackend)
        async throws
    {
        let (kv, _, storage) = try makeNamespace(backend)
        let key = bytesString(513)
        let tail = "414 UTF-8 encoded length of 513 exceeds key length limit of 512."
        #expect(await errorMessage { _ = try await kv.get(key) } == "KV GET failed: \(tail)")
        #expect(await errorMessage { _ = try await kv.getWithMetadata(key) } == "KV GET failed: \(tail)")
        #expect(await errorMessage { try await kv.put(key, "v") } == "KV PUT failed: \(tail)")
        #expect(await errorMessage { try await kv.delete(key) } == "KV DELETE failed: \(tail)")
        #expect(try await entryCount(storage) == 0)
    }

    @Test(arguments: KVBackend.allCases) func keyLengthCountsUTF8Bytes(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        // "é" is 2 bytes: 256 of them are 512 bytes, one more "a" is 513.
        try await kv.put(bytesString(256, "é"), "ok")
        #expect(
            await errorMessage { try await kv.put(bytesString(256, "é") + "a", "v") }
                == "KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.")
    }

    @Test(arguments: KVBackend.allCases) func keysAreCaseSensitiveAndMayHoldAnyCharacters(backend: KVBackend)
        async throws
    {
        let (kv, _, _) = try makeNamespace(backend)
        for key in ["Key", "key", "key\\_%1", "a/b", " ", "...", "\u{0}", "🦊"] {
            try await kv.put(key, "value of \(key)")
        }
        #expect(try await kv.get("Key") == "value of Key")
        #expect(try await kv.get("key") == "value of key")
        #expect(try await kv.get("key\\_%1") == "value of key\\_%1")
        #expect(try await kv.get("🦊") == "value of 🦊")
        #expect(try await kv.get("\u{0}") == "value of \u{0}")
    }

    @Test(arguments: KVBackend.allCases) func composedAndDecomposedAccentsAreDifferentKeys(backend: KVBackend)
        async throws
    {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("caf\u{E9}", "composed")
        try await kv.put("cafe\u{301}", "decomposed")
        #expect(try await kv.get("caf\u{E9}") == "composed")
        #expect(try await kv.get("cafe\u{301}") == "decomposed")
        #expect(try await kv.list().keys.count == 2)
    }
}
