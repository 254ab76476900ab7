package import Foundation

/// Wall-clock time for the cron scheduler: what time it is, and waiting for a given instant.
///
/// `SystemCronClock` is the real one; `ManualCronClock` lets tests move time by hand.
package protocol CronClock: Sendable {
    /// The current instant.
    var now: Date { get }

    /// Returns once `now` has reached `deadline` (at once if it already has); throws `CancellationError`
    /// if the calling task is cancelled first.
    func sleep(until deadline: Date) async throws
}
