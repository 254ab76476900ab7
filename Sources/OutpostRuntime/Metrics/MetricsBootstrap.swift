import Metrics
package import Prometheus

/// swift-metrics' one process-wide bootstrap, done by the executable (`OutpostCLI.main`) before any
/// command runs: every metric of the process goes into one Prometheus registry, which the status
/// page's `?prometheus` text is emitted from. Outpost keeps no other global of its own.
package enum MetricsBootstrap {
    /// Bootstraps swift-metrics with a new Prometheus registry and returns it. Call once per process.
    @discardableResult
    package static func prometheus() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }

    /// The registry swift-metrics was bootstrapped with, or `nil` when it was not bootstrapped with one
    /// (e.g. inside a test process).
    package static var registry: PrometheusCollectorRegistry? {
        (MetricsSystem.factory as? PrometheusMetricsFactory)?.registry
    }
}
