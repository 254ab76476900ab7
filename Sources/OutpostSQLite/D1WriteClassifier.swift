import Synchronization

/// The SQL texts of one `D1Engine` that must run on the writer, learnt the first time each is
/// prepared on a reader; bounded (forgotten all at once when full, then learnt again).
final class D1WriteClassifier: Sendable {
    /// The most texts remembered.
    static let limit = 1024

    private let texts = Mutex<Set<String>>([])

    /// Whether `sql` is known to write.
    func contains(_ sql: String) -> Bool {
        texts.withLock { $0.contains(sql) }
    }

    /// Remembers that `sql` writes.
    func insert(_ sql: String) {
        texts.withLock { texts in
            if texts.count >= Self.limit { texts.removeAll() }
            texts.insert(sql)
        }
    }
}
