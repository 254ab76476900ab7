import ArgumentParser
import Foundation

/// The `outpost` command line: `serve`, `dev`, `check`, `kv …`, `d1 …`, `cron …`.
struct OutpostCommand: AsyncParsableCommand {
    /// Commands the worker's executable adds (`OutpostCLI.main(worker:commands:)`), for this parse.
    @TaskLocal static var workerCommands: [any ParsableCommand.Type] = []

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "outpost",
            abstract: "Run a Cloudflare-Workers-shaped Swift worker as a FastCGI responder behind nginx.",
            subcommands: OutpostCommand.allSubcommands + workerCommands
        )
    }
}
