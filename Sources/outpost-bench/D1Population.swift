import Outpost
import OutpostSQLite

/// Fills a D1 database file fast: `users` rows written in id order in large transactions on a plain
/// connection (the engine only opens the file afterwards).
enum D1Population {
    /// Rows per transaction.
    static let chunk = 100_000
    /// The table every D1 benchmark reads and writes.
    static let schema = """
        CREATE TABLE IF NOT EXISTS users (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL
        )
        """
    /// `created_at` of row 0, in milliseconds.
    static let epoch: Int64 = 1_700_000_000_000

    /// Makes the file at `path` hold exactly rows `1...count` (rows added by an earlier run's inserts are
    /// deleted first); reuses it when it already does. Returns whether it was reused and the seconds spent.
    static func populate(path: String, count: Int) throws -> (reused: Bool, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        var options = SQLiteConnection.Options()
        options.synchronous = "OFF"
        let connection = try SQLiteConnection(path: path, options: options)
        try connection.execute(schema)
        try connection.query("DELETE FROM users WHERE id > ?1", [.integer(Int64(count))])
        let rows = try connection.query("SELECT count(*), max(id) FROM users")
        if rows.first == [.integer(Int64(count)), .integer(Int64(count))] {
            try connection.settle()
            return (true, LatencyStats.microseconds(start.duration(to: clock.now)) / 1_000_000)
        }
        try connection.execute("DELETE FROM users")
        var id = 1
        while id <= count {
            let end = min(count, id + chunk - 1)
            try connection.transaction {
                let statement = try connection.cached(
                    "INSERT INTO users (id, name, email, created_at) VALUES (?1, ?2, ?3, ?4)")
                for row in id...end {
                    try statement.bind(.integer(Int64(row)), at: 1)
                    try statement.bind(.text("User \(row)"), at: 2)
                    try statement.bind(.text(email(row)), at: 3)
                    try statement.bind(.integer(epoch + Int64(row)), at: 4)
                    _ = try statement.step()
                    statement.reset()
                }
            }
            id = end + 1
        }
        try connection.settle()
        return (false, LatencyStats.microseconds(start.duration(to: clock.now)) / 1_000_000)
    }

    /// The email of populated row `id` (zero-padded, so the unique index is filled in order).
    static func email(_ id: Int) -> String {
        "user" + KVKeys.zeroPadded(id, width: 9) + "@example.com"
    }
}
