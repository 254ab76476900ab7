import Foundation
import Outpost
import OutpostRedis

/// The KV benchmark on Redis: the same `get` hit / miss, `put` and `list` as `KVBenchmark`, through
/// `KVNamespace` over `RedisKVStorage`, on a `redis-server` this benchmark starts (loopback TCP and a
/// unix socket, no persistence) and stops by PID.
struct RedisKVBenchmark {
    /// The get-hit p50 target over a unix socket, in microseconds.
    static let getHitTarget = 60.0

    let sizes: [Int]
    let options: CommonOptions
    let directory: String

    /// Measures every size over both transports, then prints one table.
    func run(report: BenchReport) async throws {
        let server = try BenchRedisServer(directory: directory)
        defer { server.stop() }
        let thread = StorageExecutor(name: "bench \(Self.self)", threads: 1)
        let results = try await withTaskExecutorPreference(thread) {
            var results: [BenchResult] = []
            for size in sizes {
                for (transport, endpoint) in [("unix", server.unixEndpoint), ("tcp", server.tcpEndpoint)] {
                    let storage = RedisKVStorage(
                        binding: "BENCH", namespace: "bench-\(size)", endpoint: endpoint,
                        options: RedisKVOptions(commandTimeoutMs: 5_000))
                    let namespace = KVNamespace(storage: storage)
                    if transport == "unix" { try await populate(namespace, size: size, report: report) }
                    let measured = try await KVBenchmark.operations(
                        on: namespace, size: size, options: options,
                        getHitTarget: transport == "unix" ? Self.getHitTarget : nil)
                    results += measured.map { result in
                        var result = result
                        result.operation = "\(result.operation) [\(transport)]"
                        return result
                    }
                }
            }
            return results
        }
        report.printTable(
            ResultsTable(
                title: "KV — KVNamespace over RedisKVStorage (redis-server 7, same machine)", scaleLimit: 2,
                results: results))
    }

    private func populate(_ namespace: KVNamespace, size: Int, report: BenchReport) async throws {
        let start = Date()
        for index in 0..<size { try await namespace.put(KVKeys.key(index), KVKeys.value(index)) }
        let seconds = String(format: "%.2f s", Date().timeIntervalSince(start))
        report.note("KV Redis \(ResultsTable.size(size)) keys: populated in \(seconds)")
    }
}
