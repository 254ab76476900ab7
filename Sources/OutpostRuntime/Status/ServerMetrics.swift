import Foundation
import Outpost
import OutpostFastCGI
import Prometheus

/// The FastCGI server's own counters and gauges (kept by the server and the `waitUntil` tracker) as
/// metrics of the process's Prometheus registry, brought up to date on each scrape, so the status
/// page's `?prometheus` text is the registry's alone.
struct ServerMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let startTime: Gauge
    private let accepted: Counter
    private let listenQueue: Gauge
    private let activeThreads: Gauge
    private let idleThreads: Gauge
    private let maxActive: Gauge
    private let maxThreadsReached: Counter
    private let keptConnections: Gauge
    private let slow: Counter
    private let timedOut: Counter
    private let waitUntilRunning: Gauge
    private let waitUntilStarted: Counter
    private let waitUntilFailed: Counter

    /// The server's metrics in `registry`.
    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        startTime = registry.makeGauge(
            descriptor: Self.descriptor("outpost_start_time_seconds", "When the worker process started."))
        accepted = registry.makeCounter(
            descriptor: Self.descriptor("outpost_accepted_connections_total", "Requests accepted."))
        listenQueue = registry.makeGauge(
            descriptor: Self.descriptor("outpost_listen_queue", "Connections waiting in the accept queue."))
        activeThreads = registry.makeGauge(
            descriptor: Self.descriptor("outpost_threads", "Accept threads by state."), labels: [("state", "active")])
        idleThreads = registry.makeGauge(
            descriptor: Self.descriptor("outpost_threads", "Accept threads by state."), labels: [("state", "idle")])
        maxActive = registry.makeGauge(
            descriptor: Self.descriptor("outpost_max_active_threads", "The most requests served at once."))
        maxThreadsReached = registry.makeCounter(
            descriptor: Self.descriptor(
                "outpost_max_threads_reached_total", "Requests accepted while every thread was busy."))
        keptConnections = registry.makeGauge(
            descriptor: Self.descriptor(
                "outpost_kept_connections", "Connections nginx keeps open in the kept-connection pool."))
        slow = registry.makeCounter(
            descriptor: Self.descriptor("outpost_slow_requests_total", "Requests slower than slowlog_ms."))
        timedOut = registry.makeCounter(
            descriptor: Self.descriptor(
                "outpost_timed_out_requests_total", "Requests answered 504 by request_timeout_ms."))
        waitUntilRunning = registry.makeGauge(
            descriptor: Self.descriptor("outpost_waituntil_tasks", "waitUntil tasks running."))
        waitUntilStarted = registry.makeCounter(
            descriptor: Self.descriptor("outpost_waituntil_started_total", "waitUntil tasks started."))
        waitUntilFailed = registry.makeCounter(
            descriptor: Self.descriptor("outpost_waituntil_failed_total", "waitUntil tasks that threw."))
    }

    /// Copies the server's values now into the registry.
    func update(stats: FastCGIStats, tracker: WaitUntilTracker, listenFD: Int32, started: Date) {
        startTime.set(started.timeIntervalSince1970.rounded())
        Self.mirror(accepted, stats.accepted)
        listenQueue.set(Double(ListenQueue.read(fd: listenFD)?.waiting ?? 0))
        activeThreads.set(Double(stats.active))
        idleThreads.set(Double(max(0, stats.threads - stats.active)))
        maxActive.set(Double(stats.maxActive))
        Self.mirror(maxThreadsReached, stats.maxThreadsReached)
        keptConnections.set(Double(stats.keptConnections))
        Self.mirror(slow, stats.slowRequests)
        Self.mirror(timedOut, stats.timeouts)
        for (statusClass, count) in stats.responsesByClass {
            let counter = registry.makeCounter(
                descriptor: Self.descriptor(
                    "outpost_responses_total",
                    "Responses by status class, as the server sent them (504 timeouts included)."),
                labels: [("class", "\(statusClass)xx")])
            Self.mirror(counter, count)
        }
        waitUntilRunning.set(Double(tracker.inFlight))
        Self.mirror(waitUntilStarted, tracker.startedCount)
        Self.mirror(waitUntilFailed, tracker.failedCount)
    }

    /// A metric named `name` with `help` as its `# HELP` line.
    private static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    /// Sets `counter` to the server's monotonic `value`.
    private static func mirror(_ counter: Counter, _ value: Int) {
        counter.reset()
        counter.increment(by: Int64(value))
    }
}
