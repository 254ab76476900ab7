/// A consistent copy of a scheduler's counters at one moment.
package struct CronStatsSnapshot: Sendable, Equatable {
    /// What the scheduler is doing.
    package var state: CronSchedulerState
    /// Counters per configured cron, in config order.
    package var crons: [CronCounters]

    /// A snapshot with the given parts.
    package init(state: CronSchedulerState, crons: [CronCounters]) {
        self.state = state
        self.crons = crons
    }

    /// Finished runs of every cron.
    package var runs: Int { crons.reduce(0) { $0 + $1.runs } }
    /// Failed runs of every cron.
    package var failures: Int { crons.reduce(0) { $0 + $1.failures } }
    /// Skipped overlapping ticks of every cron.
    package var skippedOverlaps: Int { crons.reduce(0) { $0 + $1.skippedOverlaps } }

    /// The counters of the first cron written as `expression`.
    package func counters(for expression: String) -> CronCounters? {
        crons.first { $0.expression == expression }
    }
}
