/// Sends queries to the storage for a database or a session, keeping the session's bookmark.
struct D1Runner: Sendable {
    let storage: any D1Storage
    let session: D1DatabaseSession?

    func run(_ queries: [D1Query]) async throws(D1Error) -> [D1Result] {
        let response = try await storage.execute(D1Query.nonEmpty(queries), sessionToken: session?.token)
        if let bookmark = response.bookmark { session?.observe(bookmark) }
        return response.results.map { D1Result(columns: $0.columns, rows: $0.rows, meta: $0.meta) }
    }

    func runOne(_ query: D1Query) async throws(D1Error) -> D1Result {
        let results = try await run([query])
        guard let result = results.last else {
            throw D1Error(.query, "No SQL statements detected.")
        }
        return result
    }

    func batch(_ statements: [D1PreparedStatement]) async throws(D1Error) -> [D1Result] {
        try await run(statements.map { D1Query(sql: $0.sql, params: $0.values) })
    }
}
