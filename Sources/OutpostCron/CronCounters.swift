/// The counters of one configured cron.
package struct CronCounters: Sendable, Equatable {
    /// The expression as written.
    package var expression: String
    /// Finished runs, successful or not.
    package var runs = 0
    /// Runs whose handler threw.
    package var failures = 0
    /// Ticks not fired because the previous run of this cron (or its `waitUntil` work) was still going.
    package var skippedOverlaps = 0
    /// Whether a run is in progress.
    package var isRunning = false
    /// The last finished run.
    package var lastRun: CronRunRecord?

    /// Zeroed counters for `expression`.
    package init(expression: String) {
        self.expression = expression
    }
}
