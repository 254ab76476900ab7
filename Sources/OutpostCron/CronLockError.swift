/// The cron lock file could not be opened or locked for a reason other than another process holding it.
package struct CronLockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The lock file.
    package let path: String
    /// What failed, e.g. `open: Permission denied`.
    package let reason: String

    /// An error about `path`.
    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    package var description: String { "cron lock \(path): \(reason)" }
}
