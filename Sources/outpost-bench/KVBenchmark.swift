import Foundation
import Outpost
import OutpostSQLite
import OutpostTestSupport

/// The KV benchmark: `get` hit, `get` miss, `put` (overwrite) and `list` (1000 keys) through
/// `KVNamespace` over `SQLiteKVStorage`, on one namespace file per size.
struct KVBenchmark {
    /// The get-hit p50 target, in microseconds.
    static let getHitTarget = 10.0
    /// Keys per `list` page.
    static let listPage = 1000

    let sizes: [Int]
    let options: CommonOptions
    let directory: String

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
        report.printTable(
            ResultsTable(title: "KV — KVNamespace over SQLiteKVStorage", scaleLimit: 2, results: results))
    }

    private func measure(size: Int, report: BenchReport) async throws -> [BenchResult] {
        let path = "\(directory)/kv-\(size).sqlite"
        let storage = try SQLiteKVStorage(path: path)
        let population = try KVPopulation.populate(path: path, count: size)
        report.note(
            "KV \(ResultsTable.size(size)) keys: \(population.reused ? "reused" : "populated") \(path) in "
                + String(format: "%.2f s", population.seconds))
        let namespace = KVNamespace(storage: storage)
        try await checkLayout(namespace, path: path)
        return try await Self.operations(on: namespace, size: size, options: options, getHitTarget: Self.getHitTarget)
    }

    /// Measures `get` hit and miss, `put` and `list` on `namespace`, which holds `KVKeys.key(0..<size)`.
    static func operations(
        on namespace: KVNamespace, size: Int, options: CommonOptions, getHitTarget: Double?
    ) async throws -> [BenchResult] {
        let warmup = options.warmup
        let total = warmup + options.ops
        var random = SplitMix64(seed: UInt64(size))
        var results: [BenchResult] = []

        let hits = (0..<total).map { _ in KVKeys.key(Int.random(in: 0..<size, using: &random)) }
        if options.wants("get hit") {
            let hit = try await Measurement.run(warmup: warmup, count: options.ops) { index in
                guard try await namespace.get(hits[index]) != nil else {
                    throw BenchError("get missed \(hits[index])")
                }
            }
            results.append(BenchResult(operation: "get hit", size: size, stats: hit, p50Limit: getHitTarget))
        }

        let misses = (0..<total).map { _ in KVKeys.missingKey(Int.random(in: 0..<size, using: &random)) }
        if options.wants("get miss") {
            let miss = try await Measurement.run(warmup: warmup, count: options.ops) { index in
                guard try await namespace.get(misses[index]) == nil else {
                    throw BenchError("get found \(misses[index])")
                }
            }
            results.append(BenchResult(operation: "get miss", size: size, stats: miss, p50Limit: nil))
        }

        let puts = (0..<total).map { _ in KVKeys.key(Int.random(in: 0..<size, using: &random)) }
        let values = (0..<64).map { KVKeys.value(size + $0) }
        if options.wants("put") {
            let put = try await Measurement.run(warmup: warmup, count: options.ops) { index in
                try await namespace.put(puts[index], values[index % values.count])
            }
            results.append(BenchResult(operation: "put (overwrite, 100 B)", size: size, stats: put, p50Limit: nil))
        }

        let listOps = max(10, options.ops / 10)
        let listWarmup = max(10, warmup / 10)
        let page = min(listPage, size)
        let starts = (0..<(listWarmup + listOps)).map { _ in Int.random(in: 0...(size - page), using: &random) }
        let cursors = starts.map { $0 == 0 ? nil : Data(KVKeys.key($0 - 1).utf8).base64EncodedString() }
        if options.wants("list") {
            let list = try await Measurement.run(warmup: listWarmup, count: listOps) { index in
                let result = try await namespace.list(cursor: cursors[index])
                guard result.keys.count == page, result.keys.first?.name == KVKeys.key(starts[index]) else {
                    throw BenchError("list from \(starts[index]) returned \(result.keys.count) keys")
                }
            }
            results.append(BenchResult(operation: "list (1000 keys)", size: size, stats: list, p50Limit: nil))
        }
        return results
    }

    /// Checks that a populated row is byte for byte what `KVNamespace.put` writes for the same entry.
    private func checkLayout(_ namespace: KVNamespace, path: String) async throws {
        let key = KVKeys.key(0)
        let populated = try KVPopulation.rawRow(path: path, key: key)
        guard case .blob(let bytes) = populated.last else { throw BenchError("no blob value for \(key)") }
        try await namespace.put(key, String(decoding: bytes, as: UTF8.self))
        let written = try KVPopulation.rawRow(path: path, key: key)
        guard !populated.isEmpty, populated == written else {
            throw BenchError("populated row \(populated) differs from KVNamespace.put's \(written)")
        }
    }
}
