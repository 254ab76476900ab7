/// Where a `KVNamespace` keeps its entries: a backend (memory, SQLite, Redis, …) behind the binding.
///
/// JS equivalent: none — this is the service behind `env.NAMESPACE`. Implementations do no
/// validation: `KVNamespace` checks every Cloudflare rule once before it calls them, and turns any
/// error they throw into `KV <OP> failed: 500 Internal Server Error` (the error itself goes to logs
/// and metrics). Times are milliseconds since the UNIX epoch; an entry whose `expiration <= now` must
/// be invisible. A backend that blocks (a file, a socket) runs each call through a `StorageExecutor`,
/// never directly on Swift's cooperative pool.
public protocol KVStorage: Sendable {
    /// The live entry for `key` at `now`, or `nil` when missing or expired.
    func get(_ key: String, now: Int64) async throws -> KVStoredValue?

    /// The live entries for `keys` at `now`, in the order of `keys` (`nil` for a missing one).
    /// `keys` holds 1…100 distinct keys.
    func get(_ keys: [String], now: Int64) async throws -> [KVStoredValue?]

    /// Stores `value` under `key`, replacing value, expiration and metadata at once. `expiration` is
    /// absolute (milliseconds), `metadata` is JSON text; `nil` means none.
    func put(_ key: String, value: [UInt8], expiration: Int64?, metadata: String?, now: Int64) async throws

    /// Removes `key`; a missing key is not an error.
    func delete(_ key: String) async throws

    /// Up to `limit` live keys that start with `prefix` (literally) and sort after `startAfter`,
    /// ascending by UTF-8 bytes.
    func list(prefix: String, startAfter: String?, limit: Int, now: Int64) async throws -> [KVStoredKey]
}

extension KVStorage {
    /// Reads `keys` one at a time; backends that can batch implement this themselves.
    /// JS equivalent: none (storage is internal to the KV service).
    public func get(_ keys: [String], now: Int64) async throws -> [KVStoredValue?] {
        var values: [KVStoredValue?] = []
        values.reserveCapacity(keys.count)
        for key in keys { values.append(try await get(key, now: now)) }
        return values
    }
}

/// A `KVStorage` that can lend an entry's bytes in its own buffer: `KVNamespace` decodes a value there
/// (the hit path: no copy before the decode). Internal to the package; the public protocol stays
/// free of raw pointers.
package protocol KVBorrowingStorage: KVStorage {
    /// The live entry for `key` at `now` with its value passed to `decode` while the bytes are still
    /// in the backend's buffer, or `nil` when missing or expired.
    func get<Value>(
        _ key: String, now: Int64, decode: (UnsafeRawBufferPointer) throws -> Value
    ) async throws -> (value: Value, metadata: String?, expiration: Int64?)?
}
