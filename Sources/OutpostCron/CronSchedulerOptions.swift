package import Foundation

/// Whether and how a process takes part in running the crons.
package struct CronSchedulerOptions: Sendable, Equatable {
    /// `[outpost] crons`: whether this process runs crons at all.
    package var enabled: Bool
    /// The state directory holding `cron.lock`; `nil` runs without the lock (tests, single process).
    package var stateDirectory: String?
    /// How often a process that found the lock held tries again, in seconds; `nil` gives up at once.
    package var lockRetryInterval: TimeInterval?

    /// The given options.
    package init(enabled: Bool = true, stateDirectory: String? = nil, lockRetryInterval: TimeInterval? = 60) {
        self.enabled = enabled
        self.stateDirectory = stateDirectory
        self.lockRetryInterval = lockRetryInterval
    }
}
