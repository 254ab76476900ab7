/// One query sent to the storage: SQL text (possibly several statements) and its bound values.
///
/// JS equivalent: one `{sql, params}` element of the body workerd sends to D1's `/query`.
public struct D1Query: Sendable, Equatable {
    /// The SQL text.
    public let sql: String
    /// The bound values, in parameter order.
    public let params: [D1Value]

    /// A query of `sql` with `params`.
    public init(sql: String, params: [D1Value] = []) {
        self.sql = sql
        self.params = params
    }
}
