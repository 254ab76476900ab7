/// The outcome of `exec`. JS equivalent: `D1ExecResult` (`{count, duration}`).
public struct D1ExecResult: Sendable, Equatable {
    /// The number of queries (lines) run. JS equivalent: `count`.
    public let count: Int
    /// The summed milliseconds of every query. JS equivalent: `duration`.
    public let duration: Double

    /// A result of `count` queries taking `duration` ms.
    /// JS equivalent: none (the D1 service builds it).
    public init(count: Int, duration: Double) {
        self.count = count
        self.duration = duration
    }

    /// The result as the JS object `{count, duration}`.
    /// JS equivalent: the object `await env.DB.exec(sql)` resolves to.
    public var json: JSONValue {
        .object(JSONObject([("count", .number(Double(count))), ("duration", .number(duration))]))
    }
}
