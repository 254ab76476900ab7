import Metrics

/// The swift-metrics handles of one storage operation of one binding, made once (a recording is an
/// atomic add and a histogram observation, no registry lookup): a counter per outcome of
/// `<prefix>_operations_total{binding,op,outcome}` and the timer `<prefix>_operation_duration_seconds{binding,op}`.
struct OperationMeter: Sendable {
    // A handful of outcomes: a scan of small strings beats hashing one.
    private let outcomes: [(name: String, counter: Counter)]
    private let duration: Timer

    /// Handles for `op` of `binding` under `prefix` (e.g. `outpost_kv`), one counter per outcome.
    init(prefix: String, binding: String, op: String, outcomes: [String], factory: any MetricsFactory) {
        self.outcomes = outcomes.map { outcome in
            let counter = Counter(
                label: "\(prefix)_operations_total",
                dimensions: [("binding", binding), ("op", op), ("outcome", outcome)], factory: factory)
            return (outcome, counter)
        }
        duration = Timer(
            label: "\(prefix)_operation_duration_seconds", dimensions: [("binding", binding), ("op", op)],
            factory: factory)
    }

    /// Counts one operation with `outcome` that took from `start` until now.
    func record(_ outcome: String, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        duration.recordNanoseconds(
            elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        outcomes.first { $0.name == outcome }?.counter.increment()
    }
}
