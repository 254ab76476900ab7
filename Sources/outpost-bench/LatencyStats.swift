/// Percentiles and throughput of one measured run.
struct LatencyStats: Sendable {
    /// Measured operations.
    let count: Int
    /// Median latency in microseconds.
    let p50: Double
    /// 99th percentile latency in microseconds.
    let p99: Double
    /// Operations per second over the whole measured loop (wall time, clock reads included).
    let opsPerSecond: Double

    /// Figures from per-operation `samples` and the `wall` time of the loop that took them.
    init(samples: [Duration], wall: Duration) {
        let sorted = samples.sorted()
        count = sorted.count
        p50 = Self.microseconds(Self.percentile(sorted, 0.50))
        p99 = Self.microseconds(Self.percentile(sorted, 0.99))
        let seconds = Self.microseconds(wall) / 1_000_000
        opsPerSecond = seconds > 0 ? Double(sorted.count) / seconds : 0
    }

    /// The nearest-rank percentile `fraction` of ascending `sorted`.
    static func percentile(_ sorted: [Duration], _ fraction: Double) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((Double(sorted.count) * fraction).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// `duration` in microseconds.
    static func microseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1_000_000 + Double(parts.attoseconds) / 1_000_000_000_000
    }
}
