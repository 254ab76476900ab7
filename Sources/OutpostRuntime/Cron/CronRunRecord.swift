public import Foundation

/// How one finished cron run went.
public struct CronRunRecord: Sendable, Equatable {
    /// The instant the run was due (`ScheduledController.scheduledTime`).
    public var scheduledTime: Date
    /// When the handler was called.
    public var startedAt: Date
    /// When the handler and its `waitUntil` work had finished.
    public var finishedAt: Date
    /// The handler's error as text, or `nil` when it returned normally.
    public var error: String?
    /// Whether the handler called `controller.noRetry()`.
    public var noRetry: Bool

    /// A record of a run.
    public init(scheduledTime: Date, startedAt: Date, finishedAt: Date, error: String?, noRetry: Bool) {
        self.scheduledTime = scheduledTime
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.error = error
        self.noRetry = noRetry
    }

    /// Whether the handler returned normally.
    public var succeeded: Bool { error == nil }
}
