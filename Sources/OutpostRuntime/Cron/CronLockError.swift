/// The cron lock file could not be opened or locked for a reason other than another process holding it.
public struct CronLockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The lock file.
    public let path: String
    /// What failed, e.g. `open: Permission denied`.
    public let reason: String

    /// An error about `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cron lock \(path): \(reason)" }
}
