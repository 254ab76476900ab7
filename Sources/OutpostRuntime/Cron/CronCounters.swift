/// The counters of one configured cron.
public struct CronCounters: Sendable, Equatable {
    /// The expression as written.
    public var expression: String
    /// Finished runs, successful or not.
    public var runs = 0
    /// Runs whose handler threw.
    public var failures = 0
    /// Ticks not fired because the previous run of this cron (or its `waitUntil` work) was still going.
    public var skippedOverlaps = 0
    /// Whether a run is in progress.
    public var isRunning = false
    /// The last finished run.
    public var lastRun: CronRunRecord?

    /// Zeroed counters for `expression`.
    public init(expression: String) {
        self.expression = expression
    }
}
