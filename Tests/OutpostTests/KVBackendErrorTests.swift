import Outpost
import Testing

/// A storage whose every call fails, as a broken disk or network would.
struct FailingStorage: KVStorage {
    struct Broken: Error {}

    func get(_ key: String, now: Int64) async throws -> KVStoredValue? { throw Broken() }
    func put(_ key: String, value: [UInt8], expiration: Int64?, metadata: String?, now: Int64) async throws {
        throw Broken()
    }
    func delete(_ key: String) async throws { throw Broken() }
    func list(prefix: String, startAfter: String?, limit: Int, now: Int64) async throws -> [KVStoredKey] {
        throw Broken()
    }
}

@Suite("KV backend errors")
struct KVBackendErrorTests {
    @Test func backendFailuresReadAsInternalServerErrors() async {
        let kv = KVNamespace(storage: FailingStorage())
        #expect(await errorMessage { _ = try await kv.get("k") } == "KV GET failed: 500 Internal Server Error")
        #expect(
            await errorMessage { _ = try await kv.getWithMetadata("k", type: .json) }
                == "KV GET failed: 500 Internal Server Error")
        #expect(await errorMessage { _ = try await kv.get(["k"]) } == "KV GET_BULK failed: 500 Internal Server Error")
        #expect(await errorMessage { try await kv.put("k", "v") } == "KV PUT failed: 500 Internal Server Error")
        #expect(await errorMessage { try await kv.delete("k") } == "KV DELETE failed: 500 Internal Server Error")
        #expect(await errorMessage { _ = try await kv.list() } == "KV GET failed: 500 Internal Server Error")
    }

    @Test func theUnderlyingErrorIsKeptForLogs() async {
        let kv = KVNamespace(storage: FailingStorage())
        do {
            _ = try await kv.get("k")
            Issue.record("expected an error")
        } catch let error as KVError {
            #expect(error.status == 500 && error.operation == .get)
            #expect(error.underlying?.contains("Broken") == true)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func validationStillComesFirst() async {
        let kv = KVNamespace(storage: FailingStorage())
        #expect(await errorMessage { try await kv.put("", "v") } == "TypeError: Key name cannot be empty.")
    }

    @Test(arguments: KVBackend.allCases) func decodingErrorsAreNotBackendErrors(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        try await kv.put("k", "{oops")
        await #expect(throws: JSONParseError.self) { _ = try await kv.get("k", type: .json) }
        await #expect(throws: JSONParseError.self) { _ = try await kv.getWithMetadata("k", type: .json) }
        await #expect(throws: DecodingError.self) { _ = try await kv.get("k", as: [String].self) }
    }
}
