/// A connection's prepared statements by SQL text, each with the SQL left after it; at most `limit`
/// of them. When full, the least recently used half is dropped (a statement is finalized once no
/// caller holds it), so a worker that builds SQL text dynamically cannot grow a connection without bound.
struct SQLiteStatementCache {
    /// The most statements kept per connection.
    static let limit = 256

    private final class Entry {
        let statement: SQLiteStatement
        let tail: String
        var used: UInt64
        init(_ statement: SQLiteStatement, _ tail: String, _ used: UInt64) {
            self.statement = statement
            self.tail = tail
            self.used = used
        }
    }

    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0

    /// The statements held.
    var count: Int { entries.count }

    /// The statement cached for `sql`, marked as just used.
    mutating func lookup(_ sql: String) -> (statement: SQLiteStatement, tail: String)? {
        guard let entry = entries[sql] else { return nil }
        clock &+= 1
        entry.used = clock
        return (entry.statement, entry.tail)
    }

    /// Caches `statement` for `sql`, dropping the least recently used half first when full.
    mutating func insert(_ statement: SQLiteStatement, tail: String, for sql: String) {
        if entries[sql] == nil, entries.count >= Self.limit { evictOldestHalf() }
        clock &+= 1
        entries[sql] = Entry(statement, tail, clock)
    }

    /// Drops every statement.
    mutating func removeAll() { entries.removeAll() }

    private mutating func evictOldestHalf() {
        let cutoff = entries.values.map(\.used).sorted()[entries.count / 2]
        entries = entries.filter { $0.value.used >= cutoff }
    }
}
