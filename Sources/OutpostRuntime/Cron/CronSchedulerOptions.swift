public import Foundation
public import OutpostConfig

/// Whether and how a process takes part in running the crons.
public struct CronSchedulerOptions: Sendable, Equatable {
    /// `[outpost] crons`: whether this process runs crons at all.
    public var enabled: Bool
    /// The state directory holding `cron.lock`; `nil` runs without the lock (tests, single process).
    public var stateDirectory: String?
    /// How often a process that found the lock held tries again, in seconds; `nil` gives up at once.
    public var lockRetryInterval: TimeInterval?

    /// The given options.
    public init(enabled: Bool = true, stateDirectory: String? = nil, lockRetryInterval: TimeInterval? = 60) {
        self.enabled = enabled
        self.stateDirectory = stateDirectory
        self.lockRetryInterval = lockRetryInterval
    }

    /// The options `config` asks for: `[outpost] crons`, the lock in `[outpost] state_dir`, a retry a minute.
    public init(config: WorkerConfig) {
        self.init(enabled: config.outpost.crons, stateDirectory: config.outpost.stateDir)
    }
}
