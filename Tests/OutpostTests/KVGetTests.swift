import Outpost
import Testing

@Suite("KV get")
struct KVGetTests {
    struct User: Codable, Equatable {
        var name: String
        var age: Int
    }

    @Test(arguments: KVBackend.allCases) func textIsTheDefault(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("k", "héllo")
        #expect(try await kv.get("k") == "héllo")
        #expect(try await kv.get("k", type: .text) == "héllo")
    }

    @Test(arguments: KVBackend.allCases) func missingKeyIsNilForEveryType(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        #expect(try await kv.get("nope") == nil)
        #expect(try await kv.get("nope", type: .json) == nil)
        #expect(try await kv.getJSON("nope") == nil)
        #expect(try await kv.get("nope", type: .bytes) == nil)
        #expect(try await kv.get("nope", type: .stream) == nil)
        #expect(try await kv.get("nope", as: User.self) == nil)
        let withMetadata = try await kv.getWithMetadata("nope")
        #expect(withMetadata.value == nil && withMetadata.metadata == nil && withMetadata.cacheStatus == nil)
    }

    @Test(arguments: KVBackend.allCases) func jsonAndDecodable(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("user", #"{"name":"Ada","age":36}"#)
        #expect(try await kv.get("user", type: .json) == ["name": "Ada", "age": 36])
        #expect(try await kv.getJSON("user")?["name"] == "Ada")
        #expect(try await kv.get("user", as: User.self) == User(name: "Ada", age: 36))
        let withMetadata = try await kv.getWithMetadata("user", as: User.self)
        #expect(withMetadata.value == User(name: "Ada", age: 36))
    }

    @Test(arguments: KVBackend.allCases) func putJSONRoundTripsEncodableAndJSONValue(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("user", json: User(name: "Ada/L", age: 36), metadata: ["v": 2])
        #expect(try await kv.get("user", as: User.self) == User(name: "Ada/L", age: 36))
        #expect(try await kv.get("user")?.contains("Ada/L") == true)
        try await kv.put("ordered", json: ["z": 1, "a": [true, nil]] as JSONValue)
        #expect(try await kv.get("ordered") == #"{"z":1,"a":[true,null]}"#)
        #expect(
            await errorMessage { try await kv.put("", json: 1) } == "TypeError: Key name cannot be empty.")
    }

    @Test(arguments: KVBackend.allCases) func invalidJSONThrowsTheParseError(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("k", "not json")
        await #expect(throws: JSONParseError.self) { _ = try await kv.get("k", type: .json) }
        #expect(try await kv.get("k") == "not json")
    }

    @Test(arguments: KVBackend.allCases) func binaryRoundTrip(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        let bytes = (0..<512).map { UInt8($0 % 256) }
        try await kv.put("bin", bytes)
        #expect(try await kv.get("bin", type: .bytes) == bytes)
        #expect(try await kv.get("bin", type: .arrayBuffer) == bytes)
        var streamed: [UInt8] = []
        for try await chunk in try await kv.get("bin", type: .stream)! { streamed += chunk }
        #expect(streamed == bytes)
    }

    @Test(arguments: KVBackend.allCases, [29, 0, -1])
    func cacheTtlBelow30Fails(backend: KVBackend, cacheTtl: Int) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        let message = "KV GET failed: 400 Invalid cache_ttl of \(cacheTtl). Cache TTL must be at least 30."
        #expect(await errorMessage { _ = try await kv.get("k", cacheTtl: cacheTtl) } == message)
        #expect(await errorMessage { _ = try await kv.getWithMetadata("k", cacheTtl: cacheTtl) } == message)
    }

    @Test(arguments: KVBackend.allCases) func cacheTtlOf30IsAcceptedAndIgnored(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("k", "v")
        #expect(try await kv.get("k", cacheTtl: 30) == "v")
        #expect(try await kv.get("k", type: .bytes, cacheTtl: 60) == Array("v".utf8))
    }

    @Test(arguments: KVBackend.allCases) func keyIsCheckedBeforeCacheTtl(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        #expect(await errorMessage { _ = try await kv.get("", cacheTtl: 1) } == "TypeError: Key name cannot be empty.")
    }

    @Test(arguments: KVBackend.allCases) func getWithMetadataReturnsValueAndMetadata(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("k", #"{"a":1}"#, metadata: ["tag": "x"])
        let text = try await kv.getWithMetadata("k")
        #expect(text == KVValueWithMetadata(value: #"{"a":1}"#, metadata: ["tag": "x"]))
        let json = try await kv.getWithMetadata("k", type: .json)
        #expect(json.value == ["a": 1])
        #expect(json.metadata == ["tag": "x"])
        try await kv.put("plain", "v")
        #expect(try await kv.getWithMetadata("plain").metadata == nil)
    }

    @Test(arguments: KVBackend.allCases) func envGivesTheBindingOrANamedError(backend: KVBackend) throws {
        let (kv, _, _) = try makeNamespace(backend)
        let env = Env(bindings: ["KV": Env.Binding(kind: "KV namespace", value: kv)], configFile: "wrangler.toml")
        _ = try env.kv("KV")
        #expect(throws: BindingError.self) { _ = try env.kv("OTHER") }
        do {
            _ = try env.kv("OTHER")
        } catch {
            #expect(error.description.contains("\"OTHER\""))
        }
    }
}
