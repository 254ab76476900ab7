import Synchronization

/// A `KVStorage` kept in process memory, for tests and throwaway workers.
///
/// JS equivalent: miniflare's in-memory KV (no persistence). Keys are compared by UTF-8 bytes.
public final class MemoryKVStorage: KVStorage {
    private let entries: Mutex<[[UInt8]: KVStoredValue]>

    /// An empty store.
    /// JS equivalent: miniflare's in-memory KV storage.
    public init() { entries = Mutex([:]) }

    /// The number of entries held, expired ones included until they are read or listed.
    /// JS equivalent: none.
    public var count: Int { entries.withLock { $0.count } }

    /// Returns the entry for `key` unless it is missing or expired at `now` (expired ones are dropped).
    /// JS equivalent: none (storage is internal to the KV service).
    public func get(_ key: String, now: Int64) async throws -> KVStoredValue? {
        let bytes = Array(key.utf8)
        return entries.withLock { entries in
            guard let entry = entries[bytes] else { return nil }
            if let expiration = entry.expiration, expiration <= now {
                entries[bytes] = nil
                return nil
            }
            return entry
        }
    }

    /// Replaces the entry for `key`.
    /// JS equivalent: none (storage is internal to the KV service).
    public func put(_ key: String, value: [UInt8], expiration: Int64?, metadata: String?, now: Int64) async throws {
        let entry = KVStoredValue(value: value, metadata: metadata, expiration: expiration)
        entries.withLock { $0[Array(key.utf8)] = entry }
    }

    /// Removes `key`.
    /// JS equivalent: none (storage is internal to the KV service).
    public func delete(_ key: String) async throws {
        _ = entries.withLock { $0.removeValue(forKey: Array(key.utf8)) }
    }

    /// Live keys with `prefix` after `startAfter`, ascending by UTF-8 bytes.
    /// JS equivalent: none (storage is internal to the KV service).
    public func list(prefix: String, startAfter: String?, limit: Int, now: Int64) async throws -> [KVStoredKey] {
        let prefixBytes = Array(prefix.utf8)
        let after = startAfter.map { Array($0.utf8) }
        let matching = entries.withLock { entries in
            entries.filter { key, entry in
                guard key.starts(with: prefixBytes) else { return false }
                if let after, !after.lexicographicallyPrecedes(key) { return false }
                if let expiration = entry.expiration, expiration <= now { return false }
                return true
            }
        }
        return matching.sorted { $0.key.lexicographicallyPrecedes($1.key) }.prefix(limit).map { key, entry in
            KVStoredKey(
                name: String(decoding: key, as: UTF8.self), expiration: entry.expiration, metadata: entry.metadata)
        }
    }
}
