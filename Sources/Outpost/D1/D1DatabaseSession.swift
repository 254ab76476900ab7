import Synchronization

/// A sequence of queries that see the database at least as new as a bookmark.
///
/// JS equivalent: `D1DatabaseSession` (from `env.DB.withSession(constraintOrBookmark)`).
public final class D1DatabaseSession: Sendable {
    /// The constraint the session started with: `first-unconstrained`, `first-primary`, or `nil`
    /// when it started from a bookmark.
    /// JS equivalent: the argument of `env.DB.withSession(constraint)`.
    public let constraint: String?
    private let storage: any D1Storage
    private let bookmark: Mutex<String?>

    init(storage: any D1Storage, constraintOrBookmark: String?) {
        self.storage = storage
        let trimmed = constraintOrBookmark?.trimmingWhitespace() ?? ""
        if trimmed.isEmpty || trimmed == "first-unconstrained" {
            constraint = "first-unconstrained"
            bookmark = Mutex(nil)
        } else if trimmed == "first-primary" {
            constraint = trimmed
            bookmark = Mutex(nil)
        } else {
            constraint = nil
            bookmark = Mutex(trimmed)
        }
    }

    /// What the session sends with each query: its bookmark, else its constraint.
    var token: String? { getBookmark() ?? constraint }

    /// Keeps `newBookmark` when it is later than the current one (string order, as workerd does).
    func observe(_ newBookmark: String) {
        bookmark.withLock { current in
            if current.map({ newBookmark > $0 }) ?? true { current = newBookmark }
        }
    }

    /// The latest bookmark seen, or `nil` before the first query. JS equivalent: `session.getBookmark()`.
    public func getBookmark() -> String? {
        bookmark.withLock { $0 }
    }

    /// A statement run within this session. JS equivalent: `session.prepare(sql)`.
    public func prepare(_ sql: String) -> D1PreparedStatement {
        D1PreparedStatement(sql: sql, values: [], runner: D1Runner(storage: storage, session: self))
    }

    /// Runs `statements` as one transaction within this session. JS equivalent: `await session.batch(statements)`.
    @discardableResult
    public func batch(_ statements: [D1PreparedStatement]) async throws(D1Error) -> [D1Result] {
        try await D1Runner(storage: storage, session: self).batch(statements)
    }
}
