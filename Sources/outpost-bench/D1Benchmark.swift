import Foundation
import Outpost
import OutpostDqlite
import OutpostSQLite
import OutpostTestSupport

/// The D1 benchmark: primary-key `first()`, `INSERT … run()` and a 10-statement `batch` through
/// `D1Database` over `D1Engine`, on one database file per size.
struct D1Benchmark {
    /// The point-read p50 target, in microseconds.
    static let pointReadTarget = 20.0
    /// The p50 targets on a 3-node loopback dqlite cluster, in microseconds (point read, batch).
    static let dqliteTargets = Targets(pointRead: 300, batch: 5_000)

    /// p50 limits in microseconds (nil: none).
    struct Targets {
        var pointRead: Double?
        var batch: Double?
    }
    /// Statements per batch.
    static let batchSize = 10

    let sizes: [Int]
    let options: CommonOptions
    let directory: String
    /// dqlite nodes (`host:port`) to measure beside the embedded engine, in the same run; none: embedded only.
    var dqliteNodes: [String] = []

    /// Measures every size, then prints one table.
    func run(report: BenchReport) async throws {
        // On a thread that may block, as an accept thread runs a request: storage calls are inline.
        let thread = StorageExecutor(name: "bench \(Self.self)", threads: 1)
        let results = try await withTaskExecutorPreference(thread) {
            var results: [BenchResult] = []
            for size in sizes {
                results += try await measure(size: size, report: report)
            }
            return results
        }
        report.printTable(ResultsTable(title: "D1 — D1Database over D1Engine", scaleLimit: 2, results: results))
        guard !dqliteNodes.isEmpty else { return }
        let remote = try await withTaskExecutorPreference(thread) {
            var results: [BenchResult] = []
            for size in sizes {
                let storage = DqliteD1Storage(nodes: dqliteNodes, database: "bench-\(size)", timeout: .seconds(30))
                let start = ContinuousClock.now
                try Self.populate(storage, count: size)
                report.note("dqlite \(ResultsTable.size(size)) rows: populated in \(ContinuousClock.now - start)")
                results += try await measure(D1Database(storage: storage), size: size, targets: Self.dqliteTargets)
            }
            return results
        }
        report.printTable(
            ResultsTable(
                title:
                    "D1 — D1Database over dqlite (\(dqliteNodes.count) nodes: \(dqliteNodes.joined(separator: ",")))",
                scaleLimit: 2, results: remote))
    }

    /// Makes database `users` on `storage` hold rows `1...count` (25 rows per statement, 20 per batch).
    private static func populate(_ storage: DqliteD1Storage, count: Int) throws {
        _ = try storage.run([D1Query(sql: "DROP TABLE IF EXISTS users"), D1Query(sql: D1Population.schema)])
        var next = 1
        while next <= count {
            var queries: [D1Query] = []
            while queries.count < 20, next <= count {
                let rows = Array(next...min(count, next + 24))
                let sql =
                    "INSERT INTO users (id, name, email, created_at) VALUES "
                    + rows.map { _ in "(?, ?, ?, ?)" }.joined(separator: ", ")
                let params = rows.flatMap { id -> [D1Value] in
                    [
                        .integer(Int64(id)), .text("User \(id)"), .text("user\(id)@example.com"),
                        .integer(D1Population.epoch + Int64(id)),
                    ]
                }
                queries.append(D1Query(sql: sql, params: params))
                next += rows.count
            }
            _ = try storage.run(queries)
        }
    }

    private func measure(size: Int, report: BenchReport) async throws -> [BenchResult] {
        let path = "\(directory)/d1-\(size).sqlite"
        let population = try D1Population.populate(path: path, count: size)
        report.note(
            "D1 \(ResultsTable.size(size)) rows: \(population.reused ? "reused" : "populated") \(path) in "
                + String(format: "%.2f s", population.seconds))
        return try await measure(
            D1Database(storage: try D1Engine(path: path)), size: size, targets: Targets(pointRead: Self.pointReadTarget)
        )
    }

    private func measure(_ database: D1Database, size: Int, targets: Targets) async throws -> [BenchResult] {
        let warmup = options.warmup
        let total = warmup + options.ops
        var random = SplitMix64(seed: UInt64(size) ^ 0xD1)
        var results: [BenchResult] = []

        let select = database.prepare("SELECT * FROM users WHERE id = ?")
        let ids = (0..<total).map { _ in Int.random(in: 1...size, using: &random) }
        if options.wants("first()") {
            let read = try await Measurement.run(warmup: warmup, count: options.ops) { index in
                guard try await select.bind(ids[index]).first() != nil else {
                    throw BenchError("no row \(ids[index])")
                }
            }
            results.append(
                BenchResult(
                    operation: "first() by primary key", size: size, stats: read, p50Limit: targets.pointRead))
        }

        let insert = database.prepare("INSERT INTO users (name, email, created_at) VALUES (?, ?, ?)")
        let emails = (0..<total).map { "bench-\($0)@example.com" }
        if options.wants("INSERT … run()") {
            let inserted = try await Measurement.run(warmup: warmup, count: options.ops) { index in
                try await insert.bind("Bench \(index)", emails[index], D1Population.epoch).run()
            }
            results.append(BenchResult(operation: "INSERT … run()", size: size, stats: inserted, p50Limit: nil))
        }

        let batches = max(10, options.ops / 10)
        let batchWarmup = max(10, warmup / 10)
        guard options.wants("batch") else { return results }
        let batch = try await Measurement.run(warmup: batchWarmup, count: batches) { index in
            var statements: [D1PreparedStatement] = []
            statements.reserveCapacity(Self.batchSize)
            for offset in 0..<Self.batchSize {
                let number = index * Self.batchSize + offset
                statements.append(try insert.bind("Batch \(number)", "batch-\(number)@example.com", D1Population.epoch))
            }
            let answers = try await database.batch(statements)
            guard answers.count == Self.batchSize else { throw BenchError("batch returned \(answers.count) results") }
        }
        results.append(
            BenchResult(operation: "batch (10 INSERTs)", size: size, stats: batch, p50Limit: targets.batch))
        return results
    }
}
