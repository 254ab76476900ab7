/// A D1 database binding. JS equivalent: `D1Database` (`env.DB`).
public struct D1Database: Sendable {
    /// The engine the binding talks to; reachable only through the binding's methods.
    let storage: any D1Storage
    private var runner: D1Runner { D1Runner(storage: storage, session: nil) }

    /// A binding backed by `storage`.
    /// JS equivalent: none (wrangler creates `env.DB` from `[[d1_databases]]`).
    public init(storage: any D1Storage) {
        self.storage = storage
    }

    /// A statement for `sql` (not yet bound or run). JS equivalent: `env.DB.prepare(sql)`.
    public func prepare(_ sql: String) -> D1PreparedStatement {
        D1PreparedStatement(sql: sql, values: [], runner: runner)
    }

    /// Runs `statements` in order as one transaction: all succeed or nothing is committed.
    /// JS equivalent: `await env.DB.batch(statements)`.
    @discardableResult
    public func batch(_ statements: [D1PreparedStatement]) async throws(D1Error) -> [D1Result] {
        try await runner.batch(statements)
    }

    /// Runs `sql` without bindings, one query per line (a line may hold several `;`-separated
    /// statements), all in one transaction. JS equivalent: `await env.DB.exec(sql)`.
    ///
    /// A failure reads `D1_EXEC_ERROR: Error in line 1: <first line>: <reason>`, as local workerd words it.
    @discardableResult
    public func exec(_ sql: String) async throws(D1Error) -> D1ExecResult {
        let lines = sql.trimmingWhitespace().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        do {
            let results = try await runner.run(lines.map { D1Query(sql: $0) })
            return D1ExecResult(count: results.count, duration: results.reduce(0) { $0 + $1.meta.duration })
        } catch {
            let detail = "Error in line 1: \(lines.first ?? ""): \(error.cause)"
            throw D1Error(.exec, detail)
        }
    }

    /// Always fails with `D1_DUMP_ERROR: Status + 404`, exactly as local wrangler/miniflare does (the
    /// simulator has no `/dump` route; prod answers 400). Use `outpost d1 export` for a SQL dump.
    /// JS equivalent: `await env.DB.dump()` (deprecated, alpha databases only).
    public func dump() async throws(D1Error) -> [UInt8] {
        throw D1Error(.dump, "Status + 404")
    }

    /// A session that starts at `constraintOrBookmark`: empty or `nil` means `first-unconstrained`,
    /// `first-primary` is kept, anything else is a bookmark. JS equivalent: `env.DB.withSession(x)`.
    public func withSession(_ constraintOrBookmark: String? = nil) -> D1DatabaseSession {
        D1DatabaseSession(storage: storage, constraintOrBookmark: constraintOrBookmark)
    }
}
