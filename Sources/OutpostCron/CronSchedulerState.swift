/// What a cron scheduler is doing, for the status page.
package enum CronSchedulerState: String, Sendable, Equatable {
    /// `run()` has not been called yet.
    case notStarted = "not started"
    /// `[outpost] crons = false`: this process does not run crons.
    case disabled
    /// The config has no crons.
    case noCrons = "no crons"
    /// Another process holds the cron lock; this one does not fire (it retries when `lockRetryInterval` is set).
    case waitingForLock = "waiting for lock"
    /// The lock could not be taken for another reason (see the log); crons do not run here.
    case lockFailed = "lock failed"
    /// Firing crons.
    case running
    /// `run()` has returned.
    case stopped
}
