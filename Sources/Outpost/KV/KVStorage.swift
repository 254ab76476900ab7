/// Where a `KVNamespace` keeps its entries: a backend (memory, SQLite, …) behind the binding.
///
/// JS equivalent: none — this is the service behind `env.NAMESPACE`. Implementations do no
/// validation: `KVNamespace` checks every Cloudflare rule once before it calls them. Times are
/// milliseconds since the UNIX epoch; an entry whose `expiration <= now` must be invisible.
public protocol KVStorage: Sendable {
    /// The live entry for `key` at `now`, or `nil` when missing or expired.
    func get(_ key: String, now: Int64) async throws -> KVStoredValue?

    /// The live entry for `key` at `now` with its value passed to `decode` while the bytes are still in
    /// the backend's buffer (no intermediate copy), or `nil` when missing or expired.
    func get<Value>(
        _ key: String, now: Int64, decode: (UnsafeRawBufferPointer) throws -> Value
    ) async throws -> (value: Value, metadata: String?, expiration: Int64?)?

    /// The live entries for `keys` at `now`, in the order of `keys` (`nil` for a missing one).
    func get(_ keys: [String], now: Int64) async throws -> [KVStoredValue?]

    /// Stores `value` under `key`, replacing value, expiration and metadata at once.
    func put(_ key: String, value: [UInt8], expiration: Int64?, metadata: String?, now: Int64) async throws

    /// Removes `key`; a missing key is not an error.
    func delete(_ key: String) async throws

    /// Up to `limit` live keys that start with `prefix` (literally) and sort after `startAfter`,
    /// ascending by UTF-8 bytes.
    func list(prefix: String, startAfter: String?, limit: Int, now: Int64) async throws -> [KVStoredKey]
}

extension KVStorage {
    /// Reads the entry with `get(_:now:)` and decodes its bytes; backends that can lend their buffer override this.
    public func get<Value>(
        _ key: String, now: Int64, decode: (UnsafeRawBufferPointer) throws -> Value
    ) async throws -> (value: Value, metadata: String?, expiration: Int64?)? {
        guard let entry = try await get(key, now: now) else { return nil }
        return (try entry.value.withUnsafeBytes(decode), entry.metadata, entry.expiration)
    }

    /// Reads `keys` one at a time; backends that can batch override this.
    public func get(_ keys: [String], now: Int64) async throws -> [KVStoredValue?] {
        var values: [KVStoredValue?] = []
        values.reserveCapacity(keys.count)
        for key in keys { values.append(try await get(key, now: now)) }
        return values
    }
}
