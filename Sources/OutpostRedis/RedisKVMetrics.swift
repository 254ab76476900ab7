import Logging
import Metrics

/// Counts and logs a Redis namespace's failures: every backend error is counted
/// (`outpost_kv_backend_errors_total{binding,backend,op,reason}`); breaker changes are counted
/// (`outpost_kv_breaker_transitions_total{binding,state}`), shown as a gauge
/// (`outpost_kv_breaker_open{binding}`) and logged once each; calls refused by an open breaker are
/// counted but not logged (one line per outage, not per request).
///
/// JS equivalent: none.
struct RedisKVMetrics: Sendable {
    let binding: String
    let endpoint: String
    let logger: Logger
    private let breakerOpen: Gauge
    private let factory: any MetricsFactory

    init(binding: String, endpoint: String, logger: Logger, factory: any MetricsFactory) {
        self.factory = factory
        self.binding = binding
        self.endpoint = endpoint
        var logger = logger
        logger[metadataKey: "kv_binding"] = .string(binding)
        self.logger = logger
        breakerOpen = Gauge(label: "outpost_kv_breaker_open", dimensions: [("binding", binding)], factory: factory)
        breakerOpen.record(0)
    }

    /// Counts one failed call; logs it unless it was refused by the open breaker.
    func failed(_ operation: String, _ error: RedisKVError) {
        Counter(
            label: "outpost_kv_backend_errors_total",
            dimensions: [
                ("binding", binding), ("backend", "redis"), ("op", operation), ("reason", reasonLabel(error)),
            ],
            factory: factory
        ).increment()
        if error.reason == .serverError || error.reason == .unexpectedReply {
            logger.error("KV \(operation) on Redis failed: \(error)")
        }
    }

    /// Records a breaker change, logging it once.
    func transition(_ transition: CircuitBreaker.Transition, cause: String?) {
        Counter(
            label: "outpost_kv_breaker_transitions_total",
            dimensions: [("binding", binding), ("state", transition.rawValue)], factory: factory
        ).increment()
        switch transition {
        case .opened:
            breakerOpen.record(1)
            logger.error(
                "KV binding \"\(binding)\": Redis at \(endpoint) unavailable (\(cause ?? "unknown")); circuit breaker open, calls fail fast until a probe succeeds"
            )
        case .closed:
            breakerOpen.record(0)
            logger.notice("KV binding \"\(binding)\": Redis at \(endpoint) reachable again; circuit breaker closed")
        }
    }

    private func reasonLabel(_ error: RedisKVError) -> String {
        switch error.reason {
        case .unavailable: "unavailable"
        case .circuitOpen: "circuit_open"
        case .serverError: "server_error"
        case .unexpectedReply: "unexpected_reply"
        }
    }
}
