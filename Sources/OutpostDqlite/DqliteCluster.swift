import Foundation
import Synchronization

/// The nodes of one dqlite cluster and one database on it: finds the leader, keeps a pool of open
/// connections to it, and hands them out one request at a time.
///
/// Blocking: every method runs on the calling thread; callers keep it off Swift's cooperative pool.
final class DqliteCluster: Sendable {
    /// The addresses the configuration names (any subset of the cluster).
    let nodes: [String]
    /// The database opened on every connection.
    let database: String
    /// How long leader discovery and each request may take.
    let timeout: Duration
    private let idle = Mutex<[Lease]>([])
    /// The leader last found, tried first.
    private let knownLeader = Mutex<String?>(nil)
    private static let poolLimit = 64

    /// A connection checked out of the pool, with what it knows about its own counters.
    final class Lease: @unchecked Sendable {
        let connection: DqliteConnection
        /// `total_changes()` of this connection after its last request, if known.
        var totalChanges: Int64?

        init(_ connection: DqliteConnection) { self.connection = connection }
    }

    init(nodes: [String], database: String, timeout: Duration) {
        self.nodes = nodes
        self.database = database
        self.timeout = timeout
    }

    /// Runs `body` with a connection to the leader that has the database open, and returns it to the
    /// pool afterwards if it is still healthy. When the connection turns out not to reach the leader
    /// (or breaks before anything was sent) and `body` reports that nothing ran, it is retried on a
    /// newly found leader until `deadline`.
    func withLeader<T>(deadline: ContinuousClock.Instant, _ body: (Lease) throws(DqliteError) -> T)
        throws(DqliteError) -> T
    {
        var lastError: DqliteError?
        while ContinuousClock.now < deadline {
            let lease: Lease
            do throws(DqliteError) {
                lease = try checkOut(deadline: deadline)
            } catch {
                lastError = error
                pause(until: deadline)
                continue
            }
            do throws(DqliteError) {
                let value = try body(lease)
                checkIn(lease)
                return value
            } catch {
                guard error.nothingRan, Self.movedLeader(error) else {
                    if lease.connection.isHealthy, case .failure = error { checkIn(lease) }
                    throw error
                }
                knownLeader.withLock { $0 = nil }
                drop()
                lastError = error
                pause(until: deadline)
            }
        }
        throw .notSent(unavailable(lastError))
    }

    /// Whether `error` says the node is (no longer) the leader or could not be reached.
    private static func movedLeader(_ error: DqliteError) -> Bool {
        switch error {
        case .notSent: true
        case .failure(let code, _): code == DqliteWire.notLeader
        default: false
        }
    }

    /// The message for a cluster with no reachable leader.
    func unavailable(_ lastError: DqliteError?) -> String {
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        var text =
            "dqlite cluster unavailable: no leader reachable at \(nodes.joined(separator: ",")) within \(milliseconds) ms"
        if let lastError { text += " (last error: \(lastError))" }
        return text
    }

    private func pause(until deadline: ContinuousClock.Instant) {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return }
        Thread.sleep(
            forTimeInterval: min(0.05, Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18))
    }

    // MARK: Pool

    private func checkOut(deadline: ContinuousClock.Instant) throws(DqliteError) -> Lease {
        if let lease = idle.withLock({ $0.popLast() }) { return lease }
        let connection = try connectToLeader(deadline: deadline)
        try connection.open(database, deadline: deadline)
        return Lease(connection)
    }

    private func checkIn(_ lease: Lease) {
        guard lease.connection.isHealthy else { return }
        idle.withLock { pool in
            if pool.count < Self.poolLimit { pool.append(lease) }
        }
    }

    /// Forgets every idle connection (after a leader change).
    func drop() {
        idle.withLock { $0.removeAll() }
    }

    /// A connection to the node that is leader now: the last known leader first, then each configured
    /// node in turn, asked with LEADER.
    func connectToLeader(deadline: ContinuousClock.Instant) throws(DqliteError) -> DqliteConnection {
        var lastError: DqliteError?
        let candidates = (knownLeader.withLock { $0 }.map { [$0] } ?? []) + nodes
        for address in candidates {
            do throws(DqliteError) {
                let connection = try DqliteConnection(address: address, deadline: deadline)
                guard let leader = try connection.leader(deadline: deadline) else {
                    lastError = .notSent("node \(address) knows no leader")
                    continue
                }
                if leader.address == address {
                    knownLeader.withLock { $0 = address }
                    return connection
                }
                let direct = try DqliteConnection(address: leader.address, deadline: deadline)
                guard try direct.leader(deadline: deadline)?.address == leader.address else {
                    lastError = .notSent("node \(leader.address) is no longer the leader")
                    continue
                }
                knownLeader.withLock { $0 = leader.address }
                return direct
            } catch {
                lastError = .notSent(error.description)
            }
        }
        throw lastError ?? .notSent("no dqlite node configured")
    }
}
