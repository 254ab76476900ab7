import ArgumentParser

/// `outpost-bench`: in-process latency and throughput of the KV and D1 bindings on real SQLite files.
@main
struct OutpostBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outpost-bench",
        abstract: "Measures the KV and D1 bindings on real SQLite files (build with -c release).",
        subcommands: [KVCommand.self, D1Command.self, AllCommand.self]
    )
}
