import Foundation
import Outpost
import OutpostCron

/// What `cron trigger` does, apart from reading the config: run `scheduled` once and report.
enum CronTriggerAction {
    /// What to print and the exit code.
    struct Report: Sendable, Equatable {
        /// The process exit code: 0 when the handler returned, 1 when it threw.
        var exitCode: Int32
        /// The line to print (stdout on success, stderr on failure).
        var message: String
    }

    /// Runs `worker.scheduled` for `expression` due at `scheduledTime` (ms since the epoch), waits for
    /// its `waitUntil` work and reports the outcome.
    static func run(
        expression: String,
        scheduledTime: Double,
        worker: any Worker,
        env: Env,
        tracker: WaitUntilTracker = WaitUntilTracker()
    ) async -> Report {
        let controller = ScheduledController(cron: expression, scheduledTime: scheduledTime)
        let result = await ScheduledInvocation.run(controller, worker: worker, env: env, tracker: tracker)
        let instant = Date(timeIntervalSince1970: scheduledTime / 1000).formatted(.iso8601)
        let retry = result.noRetry ? " (noRetry)" : ""
        guard let error = result.errorText else {
            return Report(exitCode: 0, message: "Ran scheduled event \"\(expression)\" at \(instant): ok\(retry)")
        }
        return Report(
            exitCode: 1, message: "Scheduled event \"\(expression)\" at \(instant) threw: \(error)\(retry)")
    }
}
