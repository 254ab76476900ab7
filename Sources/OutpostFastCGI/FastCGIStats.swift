import Synchronization

/// Counters of the responder, read by the status page.
public final class FastCGIStats: Sendable {
    private let acceptedCount = Atomic<Int>(0)
    private let activeCount = Atomic<Int>(0)
    private let maxActiveCount = Atomic<Int>(0)
    private let slowCount = Atomic<Int>(0)
    private let timeoutCount = Atomic<Int>(0)
    private let saturatedCount = Atomic<Int>(0)
    private let acceptFailureCount = Atomic<Int>(0)
    private let keptCount = Atomic<Int>(0)
    /// Responses by status class (index 0…5), the latency histogram and its sum: atomic adds, no lock.
    private let byClass: [AtomicCount]
    private let bucketCounts: [AtomicCount]
    private let sumMicros = AtomicCount()
    /// Upper bounds of the latency histogram buckets, in seconds (the last bucket is +Inf).
    public static let latencyBuckets: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]
    /// The number of threads serving requests (set by the server's owner).
    public let threads: Int

    /// Counters at zero for a server with `threads` threads.
    public init(threads: Int) {
        self.threads = threads
        byClass = (0..<6).map { _ in AtomicCount() }
        bucketCounts = (0...Self.latencyBuckets.count).map { _ in AtomicCount() }
    }

    func didAccept() {
        acceptedCount.add(1, ordering: .relaxed)
        let active = activeCount.add(1, ordering: .relaxed).newValue
        if active >= threads { saturatedCount.add(1, ordering: .relaxed) }
        var seen = maxActiveCount.load(ordering: .relaxed)
        while active > seen {
            let (exchanged, original) = maxActiveCount.compareExchange(
                expected: seen, desired: active, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
    }

    func finished() { activeCount.subtract(1, ordering: .relaxed) }
    func acceptFailed() { acceptFailureCount.add(1, ordering: .relaxed) }
    func keptConnectionOpened() { keptCount.add(1, ordering: .relaxed) }
    func keptConnectionClosed() { keptCount.subtract(1, ordering: .relaxed) }
    func slow() { slowCount.add(1, ordering: .relaxed) }
    func timedOut() { timeoutCount.add(1, ordering: .relaxed) }
    func record(status: Int, duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let bucket = Self.latencyBuckets.firstIndex { seconds <= $0 } ?? Self.latencyBuckets.count
        let statusClass = min(max(status / 100, 0), 5)
        byClass[statusClass].add(1)
        bucketCounts[bucket].add(1)
        sumMicros.add(Int(seconds * 1_000_000))
    }

    /// Requests accepted since start.
    public var accepted: Int { acceptedCount.load(ordering: .relaxed) }
    /// Requests being served now.
    public var active: Int { activeCount.load(ordering: .relaxed) }
    /// The most requests served at once.
    public var maxActive: Int { maxActiveCount.load(ordering: .relaxed) }
    /// Requests slower than `slowlog_ms`.
    public var slowRequests: Int { slowCount.load(ordering: .relaxed) }
    /// Requests answered 504 by the request timeout.
    public var timeouts: Int { timeoutCount.load(ordering: .relaxed) }
    /// Connections nginx keeps open in the kept-connection pool (parked or being served).
    public var keptConnections: Int { keptCount.load(ordering: .relaxed) }
    /// Failed `accept()` calls (each one backed off and was logged).
    public var acceptFailures: Int { acceptFailureCount.load(ordering: .relaxed) }
    /// Times a request was accepted while every thread was busy (php-fpm's "max children reached").
    public var maxThreadsReached: Int { saturatedCount.load(ordering: .relaxed) }
    /// Requests per latency bucket (same order as `latencyBuckets`, then +Inf), not cumulative.
    public var latencyCounts: [Int] { bucketCounts.map(\.value) }
    /// The sum of all request latencies, in seconds.
    public var latencySum: Double { Double(sumMicros.value) / 1_000_000 }
    /// Responses by status class (2 for 2xx, …).
    public var responsesByClass: [Int: Int] {
        let counts = byClass.map(\.value)
        var result: [Int: Int] = [:]
        for (statusClass, count) in counts.enumerated() where count > 0 { result[statusClass] = count }
        return result
    }
}
