import Outpost

/// The SQL texts of one `D1Engine` that must run on the writer, learnt the first time each is
/// prepared on a reader; bounded (forgotten all at once when full, then learnt again).
///
/// Every request asks, from every accept thread: they read the set together (a reader-writer lock),
/// and a text is hashed before the lock is taken, so under it a lookup costs a bucket probe and, on a
/// match, one comparison.
final class D1WriteClassifier: Sendable {
    /// The most texts remembered.
    static let limit = 1024

    /// A SQL text with its hash, computed once outside the lock.
    private struct Text: Hashable {
        let sql: String
        let hash: Int

        init(_ sql: String) {
            self.sql = sql
            hash = sql.hashValue
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
        static func == (lhs: Text, rhs: Text) -> Bool { lhs.hash == rhs.hash && lhs.sql == rhs.sql }
    }

    private let texts = ReadWriteLocked<Set<Text>>([])

    /// Whether `sql` is known to write.
    func contains(_ sql: String) -> Bool {
        let text = Text(sql)
        return texts.read { $0.contains(text) }
    }

    /// Remembers that `sql` writes.
    func insert(_ sql: String) {
        let text = Text(sql)
        texts.write { texts in
            if texts.count >= Self.limit { texts.removeAll() }
            texts.insert(text)
        }
    }
}
