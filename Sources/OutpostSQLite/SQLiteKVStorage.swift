import CSQLite
import Foundation
public import Outpost
import Synchronization

/// A `KVStorage` in one SQLite file per namespace (`<stateDir>/kv/<name>.sqlite`), shared by every
/// process that opens the same file: the server, the `kv` commands and `sqlite3` itself.
///
/// JS equivalent: the local KV service behind `env.NAMESPACE`. Table `kv_entries(key TEXT PRIMARY KEY,
/// expiration INTEGER /* ms */, metadata TEXT /* JSON */, value BLOB) WITHOUT ROWID` (a lookup walks one
/// B-tree, not an index and then the table); keys compare bytewise (BINARY).
/// WAL with `synchronous=NORMAL`: an acknowledged `put` survives `kill -9`. Expired keys are invisible
/// at once, deleted when read, and purged in bulk from time to time by writes (see `purgeExpired`).
public final class SQLiteKVStorage: KVBorrowingStorage {
    /// The SQLite file.
    public let path: String
    private let database: SQLiteDatabase
    private let purgeIntervalMs: Int64
    private let lastPurge: Mutex<Int64>

    /// The tables and indexes, created when missing.
    static let schema = """
        CREATE TABLE IF NOT EXISTS kv_entries (
            key TEXT PRIMARY KEY NOT NULL,
            expiration INTEGER,
            metadata TEXT,
            value BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS kv_entries_expiration ON kv_entries (expiration) WHERE expiration IS NOT NULL;
        """

    /// The file of namespace `localName` under `stateDir`: `<stateDir>/kv/<localName>.sqlite`
    /// (a `/` in the name becomes `_`).
    public static func path(stateDir: String, localName: String) -> String {
        let name = localName.replacingOccurrences(of: "/", with: "_")
        return "\(stateDir)/kv/\(name).sqlite"
    }

    /// Opens (creating when missing) the store at `path`; writes purge expired keys at most once per
    /// `purgeIntervalMs`.
    public init(path: String, purgeIntervalMs: Int64 = 60_000) throws {
        self.path = path
        self.purgeIntervalMs = purgeIntervalMs
        database = try SQLiteDatabase(path: path, schema: Self.schema) { connection in
            try connection.execute("PRAGMA mmap_size=\(SQLiteConnection.mmapSize)")
        }
        lastPurge = Mutex(0)
    }

    /// Reads `key` on a pooled reader connection with one cached statement.
    public func get(_ key: String, now: Int64) async throws -> KVStoredValue? {
        try await get(key, now: now) { Array($0) }.map {
            KVStoredValue(value: $0.value, metadata: $0.metadata, expiration: $0.expiration)
        }
    }

    /// Reads `key` on a pooled reader connection with one cached statement and decodes the value in
    /// SQLite's own buffer (the hit path: no copy before `decode`). An expired entry is deleted.
    package func get<Value>(
        _ key: String, now: Int64, decode: (UnsafeRawBufferPointer) throws -> Value
    ) async throws -> (value: Value, metadata: String?, expiration: Int64?)? {
        var expired = false
        let entry = try await database.onReader { () throws -> (value: Value, metadata: String?, expiration: Int64?)? in
            try database.read { connection -> (value: Value, metadata: String?, expiration: Int64?)? in
                let statement = try connection.cached(Self.selectSQL)
                defer { statement.reset() }
                try statement.bind(.text(key), at: 1)
                guard try statement.step() else { return nil }
                let expiration = statement.isNull(at: 0) ? nil : statement.int64(at: 0)
                if let expiration, expiration <= now {
                    expired = true
                    return nil
                }
                let metadata = statement.text(at: 1)
                let pointer = sqlite3_column_blob(statement.handle, 2)
                let count = Int(sqlite3_column_bytes(statement.handle, 2))
                let value = try decode(UnsafeRawBufferPointer(start: count > 0 ? pointer : nil, count: count))
                return (value, metadata, expiration)
            }
        }
        if expired { try await deleteExpired([key], now: now) }
        return entry
    }

    /// Reads `keys` in one read transaction (one snapshot) on a pooled reader connection.
    public func get(_ keys: [String], now: Int64) async throws -> [KVStoredValue?] {
        var expiredKeys: [String] = []
        let entries = try await database.onReader { () throws -> [KVStoredValue?] in
            try database.read { connection in
                try connection.execute("BEGIN")
                defer { try? connection.execute("COMMIT") }
                let statement = try connection.cached(Self.selectSQL)
                defer { statement.reset() }
                return try keys.map { key in
                    statement.reset()
                    var expired = false
                    let entry = try Self.read(statement, key: key, now: now, expired: &expired)
                    if expired { expiredKeys.append(key) }
                    return entry
                }
            }
        }
        if !expiredKeys.isEmpty { try await deleteExpired(expiredKeys, now: now) }
        return entries
    }

    /// Upserts `key` on the file's serial writer, binding `value` in place (no copy before SQLite's own).
    public func put(_ key: String, value: [UInt8], expiration: Int64?, metadata: String?, now: Int64) async throws {
        try await database.writing { connection in
            let statement = try connection.cached(
                """
                INSERT INTO kv_entries (key, expiration, metadata, value) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (key) DO UPDATE SET
                    expiration = excluded.expiration, metadata = excluded.metadata, value = excluded.value
                """)
            defer { statement.reset() }
            try statement.bind(.text(key), at: 1)
            try statement.bind(expiration.map(D1Value.integer) ?? .null, at: 2)
            try statement.bind(metadata.map(D1Value.text) ?? .null, at: 3)
            try value.withUnsafeBytes { buffer in
                let bound = sqlite3_bind_blob64(
                    statement.handle, 4, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                    sqlite3_uint64(buffer.count), nil)
                guard bound == SQLITE_OK else { throw SQLiteError(connection: connection.handle, fallback: bound) }
                _ = try statement.step()
                statement.reset()
            }
            try purgeIfDue(connection, now: now)
        }
    }

    /// Deletes `key` on the file's serial writer.
    public func delete(_ key: String) async throws {
        _ = try await database.writing { connection in
            try connection.query("DELETE FROM kv_entries WHERE key = ?1", [.text(key)])
        }
    }

    /// Live keys with the literal `prefix` after `startAfter`, by UTF-8 bytes, using the primary key's range.
    public func list(prefix: String, startAfter: String?, limit: Int, now: Int64) async throws -> [KVStoredKey] {
        let prefixBytes = Array(prefix.utf8)
        var lower = prefixBytes
        var inclusive = true
        if let startAfter, !Array(startAfter.utf8).lexicographicallyPrecedes(prefixBytes) {
            lower = Array(startAfter.utf8)
            inclusive = false
        }
        let upper = KVPrefixRange.successor(of: prefixBytes)
        var sql = "SELECT key, expiration, metadata FROM kv_entries WHERE key \(inclusive ? ">=" : ">") ?1"
        if upper != nil { sql += " AND key < ?4" }
        sql += " AND (expiration IS NULL OR expiration > ?2) ORDER BY key LIMIT ?3"
        return try await database.reading { [sql, lower] connection in
            let statement = try connection.cached(sql)
            defer { statement.reset() }
            try Self.bindText(statement, 1, lower)
            try statement.bind(.integer(now), at: 2)
            try statement.bind(.integer(Int64(limit)), at: 3)
            if let upper { try Self.bindText(statement, 4, upper) }
            var keys: [KVStoredKey] = []
            while try statement.step() {
                keys.append(
                    KVStoredKey(
                        name: statement.text(at: 0) ?? "",
                        expiration: statement.isNull(at: 1) ? nil : statement.int64(at: 1),
                        metadata: statement.text(at: 2)))
            }
            return keys
        }
    }

    /// Deletes every key expired at `now`; returns how many. Writes call this at most once per interval.
    @discardableResult
    public func purgeExpired(now: Int64) throws -> Int {
        try database.write { connection in
            try connection.query("DELETE FROM kv_entries WHERE expiration <= ?1", [.integer(now)])
            lastPurge.withLock { $0 = now }
            return Int(connection.changes)
        }
    }

    // MARK: internals

    private static let selectSQL = "SELECT expiration, metadata, value FROM kv_entries WHERE key = ?1"

    private static func read(
        _ statement: SQLiteStatement, key: String, now: Int64, expired: inout Bool
    ) throws -> KVStoredValue? {
        try statement.bind(.text(key), at: 1)
        guard try statement.step() else { return nil }
        let expiration = statement.isNull(at: 0) ? nil : statement.int64(at: 0)
        if let expiration, expiration <= now {
            expired = true
            return nil
        }
        return KVStoredValue(value: statement.bytes(at: 2), metadata: statement.text(at: 1), expiration: expiration)
    }

    /// Deletes `keys` if still expired at `now`, on the file's serial writer.
    private func deleteExpired(_ keys: [String], now: Int64) async throws {
        try await database.writing { connection in
            for key in keys {
                try connection.query(
                    "DELETE FROM kv_entries WHERE key = ?1 AND expiration <= ?2", [.text(key), .integer(now)])
            }
        }
    }

    private func purgeIfDue(_ connection: SQLiteConnection, now: Int64) throws {
        let due = lastPurge.withLock { last in
            guard now - last >= purgeIntervalMs else { return false }
            last = now
            return true
        }
        if due { try connection.query("DELETE FROM kv_entries WHERE expiration <= ?1", [.integer(now)]) }
    }

    /// Binds raw bytes as TEXT (they may be a non-UTF-8 range bound; BINARY collation compares bytes).
    private static func bindText(_ statement: SQLiteStatement, _ index: Int32, _ bytes: [UInt8]) throws {
        let result = bytes.withUnsafeBytes { buffer in
            sqlite3_bind_text(
                statement.handle, index,
                (buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1))?.assumingMemoryBound(to: CChar.self),
                Int32(buffer.count), SQLITE_TRANSIENT)
        }
        guard result == SQLITE_OK else {
            throw SQLiteError(extendedCode: result, message: String(cString: sqlite3_errstr(result)))
        }
    }
}
