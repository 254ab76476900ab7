import Outpost
import Testing

@Suite("KV key validation")
struct KVKeyValidationTests {
    @Test(arguments: [
        ("", "TypeError: Key name cannot be empty."),
        (".", "TypeError: \".\" is not allowed as a key name."),
        ("..", "TypeError: \"..\" is not allowed as a key name."),
    ])
    func illegalKeysAreTypeErrorsForEveryOperation(key: String, message: String) async {
        let (kv, _, _) = makeNamespace()
        #expect(await errorMessage { _ = try await kv.get(key) } == message)
        #expect(await errorMessage { _ = try await kv.get(key, type: .json) } == message)
        #expect(await errorMessage { _ = try await kv.getWithMetadata(key) } == message)
        #expect(await errorMessage { try await kv.put(key, "v") } == message)
        #expect(await errorMessage { try await kv.delete(key) } == message)
    }

    @Test func keyOf512BytesIsAccepted() async throws {
        let (kv, _, _) = makeNamespace()
        let key = bytesString(512)
        try await kv.put(key, "v")
        #expect(try await kv.get(key) == "v")
        #expect(try await kv.getWithMetadata(key).value == "v")
        try await kv.delete(key)
        #expect(try await kv.get(key) == nil)
    }

    @Test func keyOf513BytesFailsWith414NamingTheOperation() async {
        let (kv, _, storage) = makeNamespace()
        let key = bytesString(513)
        let tail = "414 UTF-8 encoded length of 513 exceeds key length limit of 512."
        #expect(await errorMessage { _ = try await kv.get(key) } == "KV GET failed: \(tail)")
        #expect(await errorMessage { _ = try await kv.getWithMetadata(key) } == "KV GET failed: \(tail)")
        #expect(await errorMessage { try await kv.put(key, "v") } == "KV PUT failed: \(tail)")
        #expect(await errorMessage { try await kv.delete(key) } == "KV DELETE failed: \(tail)")
        #expect(storage.count == 0)
    }

    @Test func keyLengthCountsUTF8Bytes() async throws {
        let (kv, _, _) = makeNamespace()
        // "é" is 2 bytes: 256 of them are 512 bytes, one more "a" is 513.
        try await kv.put(bytesString(256, "é"), "ok")
        #expect(
            await errorMessage { try await kv.put(bytesString(256, "é") + "a", "v") }
                == "KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.")
    }

    @Test func keysAreCaseSensitiveAndMayHoldAnyCharacters() async throws {
        let (kv, _, _) = makeNamespace()
        for key in ["Key", "key", "key\\_%1", "a/b", " ", "...", "\u{0}", "🦊"] {
            try await kv.put(key, "value of \(key)")
        }
        #expect(try await kv.get("Key") == "value of Key")
        #expect(try await kv.get("key") == "value of key")
        #expect(try await kv.get("key\\_%1") == "value of key\\_%1")
        #expect(try await kv.get("🦊") == "value of 🦊")
        #expect(try await kv.get("\u{0}") == "value of \u{0}")
    }

    @Test func composedAndDecomposedAccentsAreDifferentKeys() async throws {
        let (kv, _, _) = makeNamespace()
        try await kv.put("caf\u{E9}", "composed")
        try await kv.put("cafe\u{301}", "decomposed")
        #expect(try await kv.get("caf\u{E9}") == "composed")
        #expect(try await kv.get("cafe\u{301}") == "decomposed")
        #expect(try await kv.list().keys.count == 2)
    }
}
