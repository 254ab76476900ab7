import Outpost
import Testing

@Suite("KV bulk get")
struct KVBulkTests {
    @Test(arguments: KVBackend.allCases, [1, 2, 100])
    func oneToHundredKeysInRequestOrder(backend: KVBackend, count: Int) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        let keys = (0..<count).map { "key\(count - $0)" }
        for key in keys where key != "key1" { try await kv.put(key, "v-\(key)") }
        let result = try await kv.get(keys)
        #expect(result.keys == keys)
        #expect(result.count == count)
        for (key, value) in result {
            #expect(value == (key == "key1" ? nil : "v-\(key)"))
        }
        #expect(result["key1"] == nil)
        #expect(result.contains("key1"))
    }

    @Test(arguments: KVBackend.allCases) func zeroKeysFails(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        #expect(
            await errorMessage { _ = try await kv.get([String]()) }
                == "KV GET_BULK failed: 400 You must request a minimum of 1 key")
    }

    @Test(arguments: KVBackend.allCases) func hundredAndOneKeysFails(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        let keys = (0...100).map { "k\($0)" }
        #expect(
            await errorMessage { _ = try await kv.get(keys) }
                == "KV GET_BULK failed: 400 You can request a maximum of 100 keys")
        #expect(
            await errorMessage { _ = try await kv.getWithMetadata(keys, type: .json) }
                == "KV GET_BULK failed: 400 You can request a maximum of 100 keys")
    }

    @Test(arguments: KVBackend.allCases) func onlyTextAndJSONTypes(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        #expect(
            await errorMessage { _ = try await kv.get(["a"], type: .bytes) }
                == "KV GET_BULK failed: 400 \"arrayBuffer\" is not a valid type. Use \"json\" or \"text\"")
        #expect(
            await errorMessage { _ = try await kv.getWithMetadata(["a"], type: .stream) }
                == "KV GET_BULK failed: 400 \"stream\" is not a valid type. Use \"json\" or \"text\"")
        // The type is checked before the key count.
        #expect(
            await errorMessage { _ = try await kv.get([String](), type: .bytes) }?.contains("not a valid type")
                == true)
    }

    @Test(
        arguments: KVBackend.allCases,
        [
            ("", "KV GET_BULK failed: 400 Key names must not be empty"),
            (".", "KV GET_BULK failed: 400 Illegal key name \".\". Please use a different name."),
            ("..", "KV GET_BULK failed: 400 Illegal key name \"..\". Please use a different name."),
            (
                String(repeating: "x", count: 513),
                "KV GET_BULK failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512."
            ),
        ])
    func keysAreCheckedInTheServiceWording(backend: KVBackend, _ argument: (String, String)) async throws {
        let (key, message) = argument
        let (kv, _, _) = try makeNamespace(backend)
        #expect(await errorMessage { _ = try await kv.get(["ok", key]) } == message)
        #expect(await errorMessage { _ = try await kv.getWithMetadata(["ok", key]) } == message)
    }

    @Test(arguments: KVBackend.allCases) func cacheTtlIsChecked(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        #expect(
            await errorMessage { _ = try await kv.get(["a"], cacheTtl: 10) }
                == "KV GET_BULK failed: 400 Invalid cache_ttl of 10. Cache TTL must be at least 30.")
        _ = try await kv.get(["a"], cacheTtl: 30)
    }

    @Test(arguments: KVBackend.allCases) func falsyValuesSurvive(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("empty", "")
        try await kv.put("zero", "0")
        try await kv.put("false", "false")
        try await kv.put("null", "null")
        let text = try await kv.get(["empty", "zero", "false"])
        #expect(Array(text.values) == ["", "0", "false"])
        let json = try await kv.get(["zero", "false", "null", "missing"], type: .json)
        #expect(json.values == [.number(0), .bool(false), .null, nil])
        let withMetadata = try await kv.getWithMetadata(["empty", "missing"])
        #expect(withMetadata["empty"] == KVValueWithMetadata(value: "", metadata: nil))
        #expect(withMetadata.values[1] == nil)
        let jsonWithMetadata = try await kv.getWithMetadata(["zero"], type: .json)
        #expect(jsonWithMetadata["zero"]?.value == .number(0))
    }

    @Test(arguments: KVBackend.allCases) func metadataOfAnyJSONShape(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("a", "1", metadata: ["x": 1])
        try await kv.put("b", "2", metadata: 123)
        try await kv.put("c", "3", metadata: "s")
        try await kv.put("d", "4")
        let result = try await kv.getWithMetadata(["a", "b", "c", "d", "e"], type: .json)
        #expect(result["a"] == KVValueWithMetadata(value: 1, metadata: ["x": 1]))
        #expect(result["b"]?.metadata == 123)
        #expect(result["c"]?.metadata == "s")
        #expect(result["d"] == KVValueWithMetadata(value: 4, metadata: nil))
        #expect(result["e"] == nil)
    }

    @Test(arguments: KVBackend.allCases) func nonJSONValueFailsTheWholeRequest(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("good", "1")
        try await kv.put("bad", "not json")
        let message = "KV GET_BULK failed: 400 At least one of the requested keys corresponds to a non-json value"
        #expect(await errorMessage { _ = try await kv.get(["good", "bad"], type: .json) } == message)
        #expect(await errorMessage { _ = try await kv.getWithMetadata(["bad"], type: .json) } == message)
        #expect(try await kv.get(["good", "bad"])["bad"] == "not json")
    }

    @Test(arguments: KVBackend.allCases) func duplicateKeysCollapseLikeAMap(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("a", "1")
        let result = try await kv.get(["a", "b", "a"])
        #expect(result.keys == ["a", "b"])
    }

    @Test(arguments: KVBackend.allCases) func totalSizeOver25MiBFails(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        let half = 13 * 1024 * 1024
        try await kv.put("a", bytesString(half))
        try await kv.put("b", bytesString(half))
        try await kv.put("c", bytesString(12 * 1024 * 1024))
        #expect(
            await errorMessage { _ = try await kv.get(["a", "b"]) }
                == "KV GET_BULK failed: 413 Total size of request exceeds the limit of 25MB")
        // Exactly 25 MiB in total is fine.
        let result = try await kv.get(["a", "c"])
        #expect(result.values.map { $0?.utf8.count } == [half, 12 * 1024 * 1024])
    }
}
