import ArgumentParser

/// `outpost-bench all`: the KV benchmarks, then the D1 ones.
struct AllCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all", abstract: "Runs the KV and the D1 benchmarks.")

    @Option(help: "KV namespace sizes in keys.")
    var keys = SizeList([1000, 1_000_000])

    @Option(help: "D1 table sizes in rows.")
    var rows = SizeList([1000, 1_000_000])

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let report = BenchReport()
        report.printHeader()
        try await BenchDirectory.with(options.dir) { directory in
            try await KVBenchmark(sizes: keys.values, options: options, directory: directory).run(report: report)
            try await D1Benchmark(sizes: rows.values, options: options, directory: directory).run(report: report)
        }
        report.printFooter()
    }
}
