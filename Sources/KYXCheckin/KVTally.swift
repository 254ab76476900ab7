import Synchronization

/// The KV gets, puts and deletes of one request, for the `X-KYX-KV` response header
/// (`KV_TRACE_HEADER = "true"`; the load simulation counts them per route).
final class KVTally: Sendable {
    private let counts = Mutex<(reads: Int, writes: Int, deletes: Int)>((0, 0, 0))

    /// The response header carrying the counts.
    static let header = "X-KYX-KV"

    func read() { counts.withLock { $0.reads += 1 } }
    func write() { counts.withLock { $0.writes += 1 } }
    func delete() { counts.withLock { $0.deletes += 1 } }

    /// `reads=R writes=W deletes=D` so far.
    var text: String {
        let current = counts.withLock { $0 }
        return "reads=\(current.reads) writes=\(current.writes) deletes=\(current.deletes)"
    }
}
