import Synchronization

/// Counters of the responder, read by the status page.
public final class FastCGIStats: Sendable {
    private let acceptedCount = Atomic<Int>(0)
    private let activeCount = Atomic<Int>(0)
    private let maxActiveCount = Atomic<Int>(0)
    private let slowCount = Atomic<Int>(0)
    private let timeoutCount = Atomic<Int>(0)
    private let byClass = Mutex<[Int: Int]>([:])

    /// Counters at zero.
    public init() {}

    func didAccept() {
        acceptedCount.add(1, ordering: .relaxed)
        let active = activeCount.add(1, ordering: .relaxed).newValue
        var seen = maxActiveCount.load(ordering: .relaxed)
        while active > seen {
            let (exchanged, original) = maxActiveCount.compareExchange(expected: seen, desired: active, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
    }

    func finished() { activeCount.subtract(1, ordering: .relaxed) }
    func slow() { slowCount.add(1, ordering: .relaxed) }
    func timedOut() { timeoutCount.add(1, ordering: .relaxed) }
    func record(status: Int) { byClass.withLock { $0[status / 100, default: 0] += 1 } }

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
    /// Responses by status class (2 for 2xx, …).
    public var responsesByClass: [Int: Int] { byClass.withLock { $0 } }
}
