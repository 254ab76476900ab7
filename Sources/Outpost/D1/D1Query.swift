/// One query sent to the storage: SQL text (possibly several statements) and its bound values.
///
/// JS equivalent: one `{sql, params}` element of the body workerd sends to D1's `/query`.
public struct D1Query: Sendable, Equatable {
    /// The SQL text.
    /// JS equivalent: the `sql` of one statement sent to the D1 service.
    public let sql: String
    /// The bound values, in parameter order.
    /// JS equivalent: the `params` of one statement sent to the D1 service.
    public let params: [D1Value]

    /// A query of `sql` with `params`.
    /// JS equivalent: none (the D1 client builds it).
    public init(sql: String, params: [D1Value] = []) {
        self.sql = sql
        self.params = params
    }
}
