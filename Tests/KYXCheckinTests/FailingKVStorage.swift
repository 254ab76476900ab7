import Outpost

/// A KV storage that fails every operation, as an unreachable KV would.
struct FailingKVStorage: KVStorage {
    struct Down: Error {}

    func get(_ key: String, now: Int64) async throws -> KVStoredValue? { throw Down() }
    func put(_ key: String, value: [UInt8], expiration: Int64?, metadata: String?, now: Int64) async throws {
        throw Down()
    }
    func delete(_ key: String) async throws { throw Down() }
    func list(prefix: String, startAfter: String?, limit: Int, now: Int64) async throws -> [KVStoredKey] {
        throw Down()
    }
}
