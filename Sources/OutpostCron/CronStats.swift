import Synchronization

/// A scheduler's live counters (runs, failures, skipped overlaps, last run per cron), safe to read
/// from any thread, e.g. by the status page.
package final class CronStats: Sendable {
    private struct Waiter {
        let condition: @Sendable (CronStatsSnapshot) -> Bool
        let continuation: CheckedContinuation<CronStatsSnapshot, Never>
    }

    private struct State {
        var snapshot: CronStatsSnapshot
        var waiters: [Waiter] = []
    }

    private let state: Mutex<State>

    /// Zeroed counters for the crons `expressions`, in config order.
    package init(expressions: [String]) {
        let crons = expressions.map { CronCounters(expression: $0) }
        state = Mutex(State(snapshot: CronStatsSnapshot(state: .notStarted, crons: crons)))
    }

    /// The counters now.
    package var snapshot: CronStatsSnapshot { state.withLock { $0.snapshot } }

    /// Returns the first snapshot that satisfies `condition` (at once if the current one does).
    /// Meant for tests and shutdown code; it does not return if the condition never becomes true.
    @discardableResult
    package func waitUntil(_ condition: @escaping @Sendable (CronStatsSnapshot) -> Bool) async -> CronStatsSnapshot {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> CronStatsSnapshot? in
                if condition(state.snapshot) { return state.snapshot }
                state.waiters.append(Waiter(condition: condition, continuation: continuation))
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Records what the scheduler is doing.
    func setState(_ value: CronSchedulerState) {
        update { $0.state = value }
    }

    /// Marks cron `index` running and returns `true`, or counts a skipped overlap and returns `false`
    /// when it is already running.
    func beginRun(_ index: Int) -> Bool {
        var began = false
        update { snapshot in
            if snapshot.crons[index].isRunning {
                snapshot.crons[index].skippedOverlaps += 1
            } else {
                snapshot.crons[index].isRunning = true
                began = true
            }
        }
        return began
    }

    /// Records the end of the run of cron `index`.
    func finishRun(_ index: Int, _ record: CronRunRecord) {
        update { snapshot in
            snapshot.crons[index].isRunning = false
            snapshot.crons[index].runs += 1
            if !record.succeeded { snapshot.crons[index].failures += 1 }
            snapshot.crons[index].lastRun = record
        }
    }

    private func update(_ change: (inout CronStatsSnapshot) -> Void) {
        let (snapshot, ready) = state.withLock { state -> (CronStatsSnapshot, [Waiter]) in
            change(&state.snapshot)
            let snapshot = state.snapshot
            let ready = state.waiters.filter { $0.condition(snapshot) }
            state.waiters.removeAll { $0.condition(snapshot) }
            return (snapshot, ready)
        }
        for waiter in ready { waiter.continuation.resume(returning: snapshot) }
    }
}
