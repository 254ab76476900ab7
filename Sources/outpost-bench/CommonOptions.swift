import ArgumentParser
import Foundation

/// Options shared by every benchmark.
struct CommonOptions: ParsableArguments {
    @Option(help: "Measured operations per benchmark (list and batch run a tenth of it).")
    var ops = 20_000

    @Option(help: "Directory for the SQLite files; kept and reused when given, a temporary one otherwise.")
    var dir: String?

    @Option(help: "Run only the operations whose name contains this text (for profiling one hot path).")
    var only: String?

    /// Whether `operation` should run under `--only`.
    func wants(_ operation: String) -> Bool {
        guard let only else { return true }
        return operation.localizedCaseInsensitiveContains(only)
    }

    /// Warm-up operations before each measured run.
    var warmup: Int { max(100, ops / 10) }
}
