import Metrics
import Outpost

/// The worker's request metrics through swift-metrics, handles made once:
/// `outpost_requests_total{class}` (status class `1xx`…`5xx`), `outpost_request_duration_seconds`
/// (from the request reaching the handler to its response) and `outpost_requests_in_flight`.
struct RequestMetrics: Sendable {
    private let byClass: [Counter]
    private let duration: Timer
    private let inFlight: Meter

    /// Handles in `factory`.
    init(factory: any MetricsFactory) {
        byClass = (1...5).map { statusClass in
            Counter(label: "outpost_requests_total", dimensions: [("class", "\(statusClass)xx")], factory: factory)
        }
        duration = Timer(label: "outpost_request_duration_seconds", dimensions: [], factory: factory)
        inFlight = Meter(label: "outpost_requests_in_flight", dimensions: [], factory: factory)
    }

    /// Measures one request: counts it in flight while `body` runs, then by its status class and time.
    func measure(_ body: () async -> Response) async -> Response {
        inFlight.increment()
        let start = ContinuousClock.now
        let response = await body()
        let status = response.status
        let elapsed = ContinuousClock.now - start
        inFlight.decrement()
        duration.recordNanoseconds(
            elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        byClass[min(max(status / 100, 1), 5) - 1].increment()
        return response
    }
}
