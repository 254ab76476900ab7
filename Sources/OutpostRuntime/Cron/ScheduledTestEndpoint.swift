package import Foundation
package import Outpost
import OutpostCron

/// The dev server's endpoints for firing `scheduled` by hand, as wrangler and miniflare serve them:
///
/// - `/__scheduled?cron=<expr>` (`wrangler dev --test-scheduled`): `Ran scheduled event`, 200; when the
///   handler throws, 500 with the error text.
/// - `/cdn-cgi/handler/scheduled?cron=<expr>&time=<ms>` (miniflare): body `ok` with 200 or `exception`
///   with 500; with `format=json`, `{"outcome": "ok"|"exception", "noRetry": bool}` with the same status.
///
/// A missing `cron` is `""`; a missing `time` is now; a `time` that is not a number gets 400.
package enum ScheduledTestEndpoint {
    /// The path of wrangler's endpoint.
    package static let wranglerPath = "/__scheduled"
    /// The path of miniflare's endpoint.
    package static let miniflarePath = "/cdn-cgi/handler/scheduled"

    /// The endpoint's response to `request`, or `nil` when the path is neither endpoint's.
    /// `now` stands for a missing `time`; `tracker` receives the run's `waitUntil` work.
    package static func response(
        for request: Request,
        worker: any Worker,
        env: Env,
        now: Date = Date(),
        tracker: WaitUntilTracker = WaitUntilTracker()
    ) async -> Response? {
        let path = request.path
        guard path == wranglerPath || path == miniflarePath else { return nil }
        guard let scheduledTime = scheduledTime(request, now: now) else {
            return .text("time must be a number of milliseconds since the epoch", status: 400)
        }
        let controller = ScheduledController(cron: request.query("cron") ?? "", scheduledTime: scheduledTime)
        let result = await ScheduledInvocation.run(controller, worker: worker, env: env, tracker: tracker)
        return path == wranglerPath ? wranglerResponse(result) : miniflareResponse(result, request: request)
    }

    private static func scheduledTime(_ request: Request, now: Date) -> Double? {
        guard let text = request.query("time") else { return (now.timeIntervalSince1970 * 1000).rounded(.down) }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private static func wranglerResponse(_ result: ScheduledRunResult) -> Response {
        guard let error = result.errorText else { return .text("Ran scheduled event") }
        return .text(error, status: 500)
    }

    private static func miniflareResponse(_ result: ScheduledRunResult, request: Request) -> Response {
        let status = result.succeeded ? 200 : 500
        if request.query("format") == "json" {
            return .json(["outcome": .string(result.outcome), "noRetry": .bool(result.noRetry)], status: status)
        }
        return .text(result.outcome, status: status)
    }
}
