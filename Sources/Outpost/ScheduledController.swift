import Synchronization

/// The cron trigger that started a `scheduled` invocation. JS equivalent: `ScheduledController`.
public final class ScheduledController: Sendable {
    /// The cron expression that fired, as written in the config. JS equivalent: `controller.cron`.
    public let cron: String
    /// When the trigger was due, in milliseconds since the Unix epoch. JS equivalent: `controller.scheduledTime`.
    public let scheduledTime: Double
    /// Always `"scheduled"`. JS equivalent: `controller.type`.
    public let type = "scheduled"
    private let retry = Atomic<Bool>(true)

    /// A controller for `cron` due at `scheduledTime` (ms since the epoch).
    /// JS equivalent: `createScheduledController({ cron, scheduledTime })` in vitest-pool-workers.
    public init(cron: String, scheduledTime: Double) {
        self.cron = cron
        self.scheduledTime = scheduledTime
    }

    /// Asks that a failed run not be retried. JS equivalent: `controller.noRetry()`.
    public func noRetry() { retry.store(false, ordering: .relaxed) }

    /// Whether a failed run may be retried (false after `noRetry()`).
    /// JS equivalent: none (workerd keeps the flag internally).
    public var shouldRetry: Bool { retry.load(ordering: .relaxed) }
}
