import Foundation
import Outpost
import OutpostSQLite

/// Fills a KV namespace file fast: rows written straight into `kv_entries` in large transactions, in
/// key order, laid out exactly as `KVNamespace.put(key, text)` writes them (UTF-8 bytes as a BLOB, no
/// expiration, no metadata).
enum KVPopulation {
    /// Rows per transaction.
    static let chunk = 100_000

    /// Makes the file at `path` (schema already created by `SQLiteKVStorage`) hold exactly keys
    /// `0..<count`; reuses it when it already does. Returns whether it was reused and the seconds spent.
    static func populate(path: String, count: Int) throws -> (reused: Bool, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        var options = SQLiteConnection.Options()
        options.synchronous = "OFF"
        let connection = try SQLiteConnection(path: path, options: options)
        if try isPopulated(connection, count: count) {
            try connection.settle()
            return (true, LatencyStats.microseconds(start.duration(to: clock.now)) / 1_000_000)
        }
        try connection.execute("DELETE FROM kv_entries")
        var index = 0
        while index < count {
            let end = min(count, index + chunk)
            try connection.transaction {
                let statement = try connection.cached(
                    "INSERT INTO kv_entries (key, expiration, metadata, value) VALUES (?1, NULL, NULL, ?2)")
                for row in index..<end {
                    try statement.bind(.text(KVKeys.key(row)), at: 1)
                    try statement.bind(.blob(Array(KVKeys.value(row).utf8)), at: 2)
                    _ = try statement.step()
                    statement.reset()
                }
            }
            index = end
        }
        try connection.settle()
        return (false, LatencyStats.microseconds(start.duration(to: clock.now)) / 1_000_000)
    }

    /// Whether the file holds exactly keys `0..<count`.
    private static func isPopulated(_ connection: SQLiteConnection, count: Int) throws -> Bool {
        let rows = try connection.query("SELECT count(*), max(key) FROM kv_entries")
        guard let row = rows.first, row.count == 2 else { return false }
        return row[0] == .integer(Int64(count)) && row[1] == .text(KVKeys.key(count - 1))
    }

    /// The stored row of `key` as SQLite sees it (types included), to compare layouts.
    static func rawRow(path: String, key: String) throws -> [D1Value] {
        let connection = try SQLiteConnection(path: path)
        let rows = try connection.query(
            "SELECT typeof(key), typeof(expiration), typeof(metadata), typeof(value), expiration, metadata, value "
                + "FROM kv_entries WHERE key = ?1",
            [.text(key)])
        return rows.first ?? []
    }
}
