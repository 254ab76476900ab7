import ArgumentParser

/// `outpost-bench d1`: D1 point reads, single inserts and 10-statement batches on tables of each size.
struct D1Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "d1", abstract: "Benchmarks D1Database over D1Engine.")

    @Option(help: "Table sizes in rows.")
    var rows = SizeList([1000, 1_000_000])

    @OptionGroup var options: CommonOptions

    @Option(help: "dqlite nodes (host:port,…) to measure beside the embedded engine in the same run.")
    var dqlite: String?

    func run() async throws {
        let report = BenchReport()
        report.printHeader()
        try await BenchDirectory.with(options.dir) { directory in
            var benchmark = D1Benchmark(sizes: rows.values, options: options, directory: directory)
            benchmark.dqliteNodes = dqlite?.split(separator: ",").map(String.init) ?? []
            try await benchmark.run(report: report)
        }
        report.printFooter()
    }
}
