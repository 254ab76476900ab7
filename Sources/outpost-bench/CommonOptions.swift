import ArgumentParser

/// Options shared by every benchmark.
struct CommonOptions: ParsableArguments {
    @Option(help: "Measured operations per benchmark (list and batch run a tenth of it).")
    var ops = 20_000

    @Option(help: "Directory for the SQLite files; kept and reused when given, a temporary one otherwise.")
    var dir: String?

    /// Warm-up operations before each measured run.
    var warmup: Int { max(100, ops / 10) }
}
