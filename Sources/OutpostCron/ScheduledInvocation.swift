package import Outpost

/// Runs a worker's `scheduled` handler once, the same way for the scheduler, `cron trigger` and the
/// test endpoints.
package enum ScheduledInvocation {
    /// Calls `worker.scheduled(controller, env, ctx)` with a fresh `ExecutionContext` reporting to
    /// `tracker`, then waits for the context's `waitUntil` work (also when the handler threw).
    package static func run(
        _ controller: ScheduledController,
        worker: any Worker,
        env: Env,
        tracker: WaitUntilTracker = WaitUntilTracker()
    ) async -> ScheduledRunResult {
        let context = ExecutionContext(tracker: tracker)
        var failure: (any Error)?
        do {
            try await worker.scheduled(controller, env: env, ctx: context)
        } catch {
            failure = error
        }
        await context.settle()
        return ScheduledRunResult(controller: controller, error: failure)
    }
}
