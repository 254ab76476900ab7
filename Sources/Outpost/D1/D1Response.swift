/// What the storage returns for one request: a result per query and the database's bookmark.
///
/// JS equivalent: D1's `/query` response body plus its `x-cf-d1-session-commit-token` header.
public struct D1Response: Sendable, Equatable {
    /// One result per non-empty query, in order.
    /// JS equivalent: the array `env.DB.batch()` resolves to.
    public let results: [D1QueryResult]
    /// The bookmark of the database state after the request (ordered by string comparison).
    /// JS equivalent: `session.getBookmark()`.
    public let bookmark: String?

    /// A response with the given parts.
    /// JS equivalent: none (the D1 service builds it).
    public init(results: [D1QueryResult], bookmark: String?) {
        self.results = results
        self.bookmark = bookmark
    }
}
