/// One cron from `[triggers] crons`, with where it was written.
public struct CronTriggerConfig: Sendable, Equatable {
    /// The expression as written, e.g. `*/5 * * * *`.
    public var expression: String
    /// The config line it is on.
    public var line: Int

    /// A cron `expression` written on `line`.
    public init(expression: String, line: Int) {
        self.expression = expression
        self.line = line
    }
}
