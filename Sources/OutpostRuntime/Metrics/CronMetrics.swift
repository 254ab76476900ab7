import Foundation
import Metrics
import OutpostCron

/// Records cron runs through swift-metrics: `outpost_cron_runs_total{cron}`,
/// `outpost_cron_failures_total{cron}`, `outpost_cron_skipped_total{cron}` and
/// `outpost_cron_run_duration_seconds{cron}` (handler and its `waitUntil` work).
struct CronMetrics: CronRunObserver {
    private struct Handles: Sendable {
        let runs: Counter
        let failures: Counter
        let skipped: Counter
        let duration: Timer
    }

    private let handles: [String: Handles]

    /// Handles for each of `crons` (expressions as written) in `factory`, so every cron shows 0 from the start.
    init(crons: [String], factory: any MetricsFactory) {
        var handles: [String: Handles] = [:]
        for cron in crons {
            let labels = [("cron", cron)]
            handles[cron] = Handles(
                runs: Counter(label: "outpost_cron_runs_total", dimensions: labels, factory: factory),
                failures: Counter(label: "outpost_cron_failures_total", dimensions: labels, factory: factory),
                skipped: Counter(label: "outpost_cron_skipped_total", dimensions: labels, factory: factory),
                duration: Timer(label: "outpost_cron_run_duration_seconds", dimensions: labels, factory: factory))
        }
        self.handles = handles
    }

    func finished(cron: String, _ record: CronRunRecord) {
        guard let handles = handles[cron] else { return }
        handles.runs.increment()
        if !record.succeeded { handles.failures.increment() }
        let seconds = max(0, record.finishedAt.timeIntervalSince(record.startedAt))
        handles.duration.recordNanoseconds(Int64(seconds * 1_000_000_000))
    }

    func skipped(cron: String) {
        handles[cron]?.skipped.increment()
    }
}
