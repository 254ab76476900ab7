package import Foundation

/// How one finished cron run went.
package struct CronRunRecord: Sendable, Equatable {
    /// The instant the run was due (`ScheduledController.scheduledTime`).
    package var scheduledTime: Date
    /// When the handler was called.
    package var startedAt: Date
    /// When the handler and its `waitUntil` work had finished.
    package var finishedAt: Date
    /// The handler's error as text, or `nil` when it returned normally.
    package var error: String?
    /// Whether the handler called `controller.noRetry()`.
    package var noRetry: Bool

    /// A record of a run.
    package init(scheduledTime: Date, startedAt: Date, finishedAt: Date, error: String?, noRetry: Bool) {
        self.scheduledTime = scheduledTime
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.error = error
        self.noRetry = noRetry
    }

    /// Whether the handler returned normally.
    package var succeeded: Bool { error == nil }
}
