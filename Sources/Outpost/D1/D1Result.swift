/// The outcome of `all()`, `run()` or one statement of `batch()`. JS equivalent: `D1Result`.
public struct D1Result: Sendable, Equatable {
    /// Always `true`: failures throw. JS equivalent: `result.success`.
    public let success: Bool
    /// What the statement did. JS equivalent: `result.meta`.
    public let meta: D1Meta
    /// The result column names in order, duplicates kept (what `raw(columnNames: true)` shows first).
    /// JS equivalent: `await stmt.raw({ columnNames: true })[0]`.
    public let columns: [String]
    /// The rows as typed values in column order (BLOBs as bytes).
    /// JS equivalent: `await stmt.raw()`.
    public let rows: [[D1Value]]

    /// A result from the engine's columns, rows and meta.
    /// JS equivalent: none (the D1 client builds it).
    public init(columns: [String], rows: [[D1Value]], meta: D1Meta) {
        self.success = true
        self.meta = meta
        self.columns = columns
        self.rows = rows
    }

    /// The rows as objects in column order; a repeated column name keeps its first position and its
    /// last value. Built on each access from `rows` (a caller that only needs `rows`, `raw()` or the
    /// first row pays nothing for it). JS equivalent: `result.results`.
    public var results: [JSONObject] {
        rows.map(object)
    }

    /// The first row as an object, or `nil` when there are no rows. JS equivalent: `result.results[0]`.
    public var firstResult: JSONObject? {
        rows.first.map(object)
    }

    private func object(_ row: [D1Value]) -> JSONObject {
        JSONObject(zip(columns, row).map { ($0, $1.json) })
    }

    /// The result as the JS object `{success, meta, results}`.
    /// JS equivalent: the object `await stmt.all()` resolves to.
    public var json: JSONValue {
        .object(
            JSONObject([
                ("success", .bool(success)),
                ("meta", meta.json),
                ("results", .array(results.map { .object($0) })),
            ]))
    }

    /// The rows decoded as `T` (through their JSON form). JS equivalent: `results` typed as `T[]`.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> [T] {
        try results.map { try JSONValue.object($0).decode(as: T.self) }
    }
}
