/// What the storage returns for one query: the last statement's columns, rows and meta.
///
/// JS equivalent: one element of D1's `/query` response in `ROWS_AND_COLUMNS` format.
public struct D1QueryResult: Sendable, Equatable {
    /// The result column names in order, duplicates kept.
    /// JS equivalent: `Object.keys(result.results[0])`.
    public let columns: [String]
    /// The rows, in column order.
    /// JS equivalent: `await stmt.raw()`.
    public let rows: [[D1Value]]
    /// What the query did.
    /// JS equivalent: `result.meta`.
    public let meta: D1Meta

    /// A result with the given parts.
    /// JS equivalent: none (the D1 service builds it).
    public init(columns: [String], rows: [[D1Value]], meta: D1Meta) {
        self.columns = columns
        self.rows = rows
        self.meta = meta
    }
}
