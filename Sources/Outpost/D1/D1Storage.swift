/// The engine behind a `D1Database`: runs queries against one database.
///
/// JS equivalent: the D1 service workerd's binding talks to (miniflare's D1 object locally).
public protocol D1Storage: Sendable {
    /// Runs `queries` in order as one all-or-nothing transaction and returns a result per query.
    ///
    /// Queries whose SQL is empty (after dropping whitespace-indented `--` lines) are skipped; when none
    /// is left this fails with `D1_ERROR: No SQL statements detected.`. Every failure is a `D1Error`
    /// worded as Cloudflare words it. `sessionToken` is the session's constraint or bookmark, if any.
    func execute(_ queries: [D1Query], sessionToken: String?) async throws(D1Error) -> D1Response
}
