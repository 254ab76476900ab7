import ArgumentParser

/// `outpost-bench kv`: KV `get` hit / miss, `put` and `list` on namespaces of each size.
struct KVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kv", abstract: "Benchmarks KVNamespace over SQLiteKVStorage and RedisKVStorage.")

    @Option(help: "Namespace sizes in keys.")
    var keys = SizeList([1000, 1_000_000])

    @Option(help: "Namespace sizes in keys on Redis (0 skips Redis).")
    var redisKeys = SizeList([1000])

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let report = BenchReport()
        report.printHeader()
        try await BenchDirectory.with(options.dir) { directory in
            try await KVBenchmark(sizes: keys.values, options: options, directory: directory).run(report: report)
            let redisSizes = redisKeys.values.filter { $0 > 0 }
            if !redisSizes.isEmpty {
                try await RedisKVBenchmark(sizes: redisSizes, options: options, directory: directory).run(
                    report: report)
            }
        }
        report.printFooter()
    }
}
