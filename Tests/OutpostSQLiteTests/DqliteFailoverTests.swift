import Foundation
import Glibc
import Outpost
import OutpostDqlite
import OutpostTestSupport
import Testing

/// dqlite's failure behaviour through real `d1 node` processes: the leader killed mid-stream, no
/// quorum, and a killed node rejoining.
@Suite(.serialized) struct DqliteFailoverTests {
    /// Outcome of one batch of the stream.
    private enum Outcome {
        case applied
        case failed(D1Error)
    }

    @Test func leaderKilledDuringBatchesNeverHalfAppliesAndTheNodeCatchesUp() async throws {
        let cluster = try DqliteTestCluster(count: 3)
        let db = D1Database(storage: cluster.storage("failover", timeout: .seconds(15)))
        try await db.exec("CREATE TABLE b (batch INTEGER, k INTEGER, PRIMARY KEY (batch, k))")
        let perBatch = 5
        var outcomes: [Outcome] = []
        var killed: Int?
        for batch in 0..<60 {
            if batch == 20 {
                let leader = cluster.leaderIndex()
                #expect(leader != nil)
                killed = leader ?? 0
                cluster.stop(killed!, signal: SIGKILL)
            }
            let statements = try (0..<perBatch).map { try db.prepare("INSERT INTO b VALUES (?, ?)").bind(batch, $0) }
            do {
                try await db.batch(statements)
                outcomes.append(.applied)
            } catch {
                outcomes.append(.failed(error))
            }
        }
        // Every batch is wholly there or wholly absent; every batch reported applied is there; a failed
        // batch is absent unless its error said the outcome was unknown.
        let counts = try await db.prepare("SELECT batch, count(*) AS n FROM b GROUP BY batch").raw()
        var rows: [Int: Int] = [:]
        for row in counts { rows[Int(row[0].numberValue ?? -1)] = Int(row[1].numberValue ?? -1) }
        for (batch, outcome) in outcomes.enumerated() {
            let present = rows[batch] ?? 0
            #expect(present == 0 || present == perBatch, "batch \(batch) half-applied: \(present) rows")
            switch outcome {
            case .applied: #expect(present == perBatch, "batch \(batch) reported applied but has \(present) rows")
            case .failed(let error):
                if !error.message.contains("may or may not have been applied") {
                    #expect(present == 0, "batch \(batch) failed (\(error.message)) but has \(present) rows")
                }
            }
        }
        // Writes succeed again after re-election.
        #expect(outcomes.suffix(10).allSatisfy { if case .applied = $0 { true } else { false } })

        // The killed node rejoins on its data and catches up: with another node stopped, the cluster
        // (the rejoined node and one other) still commits and reads every applied batch.
        let rejoined = try #require(killed)
        try restart(cluster, rejoined)
        try cluster.waitUntilWritable()
        let other = (0..<3).first { $0 != rejoined && $0 != cluster.leaderIndex() } ?? (rejoined + 1) % 3
        cluster.stop(other)
        try await db.prepare("INSERT INTO b VALUES (1000, 0)").run()
        let total = try await db.prepare("SELECT count(*) AS n FROM b").first(column: "n")
        #expect(total?.numberValue == Double(rows.values.reduce(0, +) + 1))
        try restart(cluster, other)
    }

    /// A restarted node replays its Raft log only once it learns the commit index, and dqlite 1.11's
    /// QUERY_SQL prepares the statement before its barrier: a read sent to a leader that has not yet
    /// replayed its log must still see every committed table, not fail with "no such table".
    @Test func aReadRightAfterTheWholeClusterRestartsSeesWhatWasCommitted() async throws {
        let cluster = try DqliteTestCluster(count: 3)
        let db = D1Database(storage: cluster.storage("restart", timeout: .seconds(15)))
        try await db.exec("CREATE TABLE r (a INTEGER)")
        try await db.prepare("INSERT INTO r VALUES (?)").bind(7).run()
        for index in 0..<3 { cluster.stop(index) }
        for index in 0..<3 { try restart(cluster, index) }
        try OutpostStack.waitFor(seconds: 30) { cluster.leaderIndex() != nil }
        // A read first: no write may run before it (a write's barrier would replay the log).
        let fresh = D1Database(storage: cluster.storage("restart", timeout: .seconds(15)))
        let value = try await fresh.prepare("SELECT a FROM r").first(column: "a")
        #expect(value?.numberValue == 7)
    }

    @Test func noQuorumFailsWithinTheTimeoutWithATypedError() async throws {
        let cluster = try DqliteTestCluster(count: 3)
        let db = D1Database(storage: cluster.storage("quorum", timeout: .milliseconds(1500)))
        try await db.exec("CREATE TABLE t (a INTEGER)")
        cluster.stop(1, signal: SIGKILL)
        cluster.stop(2, signal: SIGKILL)
        let start = ContinuousClock.now
        let error = await d1Error { try await db.prepare("INSERT INTO t VALUES (1)").run() }
        let elapsed = ContinuousClock.now - start
        #expect(error?.kind == .query)
        #expect(error?.message.hasPrefix("D1_ERROR: ") == true)
        #expect(elapsed < .seconds(5))
        // A leader that lost its quorum keeps serving reads from its copy until its election timeout
        // (3–6 s in dqlite 1.11) makes it step down; after that no node knows a leader.
        try await Task.sleep(for: .seconds(7))
        let read = await d1Error { _ = try await db.prepare("SELECT count(*) FROM t").all() }
        #expect(read?.message.hasPrefix("D1_ERROR: dqlite cluster unavailable: no leader reachable at ") == true)
        cluster.stop(0, signal: SIGKILL)
        let down = await d1Error { _ = try await db.prepare("SELECT 1").all() }
        #expect(down?.message.hasPrefix("D1_ERROR: dqlite cluster unavailable: no leader reachable at ") == true)
    }

    /// Starts node `index` again, retrying while its just-freed port cannot be bound yet.
    private func restart(_ cluster: DqliteTestCluster, _ index: Int) throws {
        for _ in 0..<20 {
            try cluster.start(index)
            usleep(500_000)
            if cluster.nodes[index].process?.isRunning == true { return }
        }
        throw TestHarnessError("node \(index + 1) did not restart")
    }
}
