import Metrics

/// The flagship's operational figures beside the cache counters, for the alerting rules in
/// `ops/prometheus/kyx-alerts.yml`: `kyx_codes_unissued{amount_cents}` (gauge, set whenever the
/// inventory is read from D1), `kyx_pending_distributions` (gauge, set by the `*/5` cron and the dashboard stats) and
/// `kyx_checkins_total{status="completed"|"pending_distribution"}` (a code claimed, or none left).
extension KYXMetrics {
    /// Sets the unissued codes of each denomination.
    func recordUnissued(_ denominations: [(amountCents: Int, unissued: Int)]) {
        let factory = recordingFactory
        for denomination in denominations {
            Gauge(
                label: "kyx_codes_unissued", dimensions: [("amount_cents", String(denomination.amountCents))],
                factory: factory
            ).record(denomination.unissued)
        }
    }

    /// Sets the number of check-ins waiting for a code.
    func recordPending(_ count: Int) {
        Gauge(label: "kyx_pending_distributions", dimensions: [], factory: recordingFactory).record(count)
    }

    /// Counts one new check-in: `completed` when it claimed a code, else it waits for distribution.
    func checkIn(completed: Bool) {
        Counter(
            label: "kyx_checkins_total", dimensions: [("status", completed ? "completed" : "pending_distribution")],
            factory: recordingFactory
        ).increment()
    }
}
