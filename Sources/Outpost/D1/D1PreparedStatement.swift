/// A SQL statement with its bound values, ready to run. Immutable: `bind` returns a new statement.
///
/// JS equivalent: `D1PreparedStatement` (from `env.DB.prepare(sql)`).
public struct D1PreparedStatement: Sendable {
    /// The SQL text (may hold several statements; the last one's result is returned).
    /// JS equivalent: none (the statement keeps its SQL internally).
    public let sql: String
    /// The bound values, in parameter order.
    /// JS equivalent: none (the values given to `stmt.bind(…)`).
    public let values: [D1Value]
    let runner: D1Runner

    init(sql: String, values: [D1Value], runner: D1Runner) {
        self.sql = sql
        self.values = values
        self.runner = runner
    }

    /// A copy with `values` bound to `?` / `?NNN` (replacing earlier bindings); an unsupported value
    /// fails here with `D1_TYPE_ERROR`. JS equivalent: `stmt.bind(...values)`.
    public func bind(_ values: any D1Bindable...) throws(D1Error) -> D1PreparedStatement {
        try bind(values)
    }

    /// A copy with the array's values bound (replacing earlier bindings). JS equivalent: `stmt.bind(...values)`.
    public func bind(_ values: [any D1Bindable]) throws(D1Error) -> D1PreparedStatement {
        var converted: [D1Value] = []
        converted.reserveCapacity(values.count)
        for value in values { converted.append(try value.d1Value()) }
        return D1PreparedStatement(sql: sql, values: converted, runner: runner)
    }

    /// Runs the statement and returns every row with meta. JS equivalent: `await stmt.all()`.
    public func all() async throws(D1Error) -> D1Result {
        try await runner.runOne(D1Query(sql: sql, params: values))
    }

    /// Runs the statement; same result as `all()`. JS equivalent: `await stmt.run()`.
    @discardableResult
    public func run() async throws(D1Error) -> D1Result {
        try await all()
    }

    /// Runs the statement and returns the first row, or `nil` when there is none.
    /// JS equivalent: `await stmt.first()`.
    public func first() async throws(D1Error) -> JSONObject? {
        try await all().firstResult
    }

    /// Runs the statement and returns `column` of the first row (`nil` when there are no rows, `.null`
    /// for SQL NULL); a row without that column fails with `D1_COLUMN_NOTFOUND: Column not found (<column>)`.
    /// JS equivalent: `await stmt.first(column)`.
    public func first(column: String) async throws(D1Error) -> JSONValue? {
        let result = try await all()
        guard let row = result.rows.first else { return nil }
        // The row object's member: of repeated names, the last column's value (no object is built).
        guard let index = result.columns.lastIndex(of: column), row.indices.contains(index) else {
            throw D1Error(.columnNotFound, "Column not found (\(column))", cause: "Column not found")
        }
        return row[index].json
    }

    /// Runs the statement and returns the rows as arrays in column order, optionally preceded by the
    /// column names (duplicates kept). JS equivalent: `await stmt.raw({columnNames})`.
    public func raw(columnNames: Bool = false) async throws(D1Error) -> [[JSONValue]] {
        let result = try await all()
        var rows = result.rows.map { $0.map(\.json) }
        if columnNames { rows.insert(result.columns.map { .string($0) }, at: 0) }
        return rows
    }

    /// Runs the statement and decodes every row as `T`. JS equivalent: `(await stmt.all<T>()).results`.
    public func all<T: Decodable>(as type: T.Type) async throws -> [T] {
        try await all().decode(as: T.self)
    }

    /// Runs the statement and decodes the first row as `T`, or `nil`. JS equivalent: `await stmt.first<T>()`.
    public func first<T: Decodable>(as type: T.Type) async throws -> T? {
        guard let row = try await first() else { return nil }
        return try JSONValue.object(row).decode(as: T.self)
    }
}
