/// The engine behind a `D1Database`: runs queries against one database (SQLite file, dqlite, …).
///
/// JS equivalent: the D1 service workerd's binding talks to (miniflare's D1 object locally).
/// The binding has already done Cloudflare's checks: `queries` holds at least one query and none whose
/// SQL is empty, and every value is bound by parameter (never spliced into SQL). A backend that blocks
/// (a file, a socket) runs each call through a `StorageExecutor`, never directly on Swift's
/// cooperative pool.
public protocol D1Storage: Sendable {
    /// Runs `queries` in order as one all-or-nothing transaction and returns a result per query, in
    /// order, with the bookmark of the state after it.
    ///
    /// A query's SQL may hold several statements: all run, the last one's rows are returned, and only
    /// the last may have parameters. Every failure is a `D1Error` worded as Cloudflare words it
    /// (`D1_ERROR: <message>: SQLITE_<CODE>`). `sessionToken` is the session's constraint
    /// (`first-unconstrained`, `first-primary`) or bookmark, if any; a backend with replicas serves the
    /// request from one at least as new as the bookmark.
    func execute(_ queries: [D1Query], sessionToken: String?) async throws(D1Error) -> D1Response
}
