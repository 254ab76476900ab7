import ArgumentParser
import Foundation
public import Outpost

/// A command that needs the worker (serve, dev, cron trigger, …).
protocol WorkerCommand: ParsableCommand {
    /// Runs the command with the program's worker.
    func run(worker: any Worker) async throws
}

extension WorkerCommand {
    func run() throws {
        throw ValidationError("this command needs a worker; run it through OutpostCLI.main(worker:)")
    }
}

/// The `outpost` command line: `serve`, `dev`, `check`, `kv …`, `d1 …`, `cron …`.
struct OutpostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "outpost",
        abstract: "Run a Cloudflare-Workers-shaped Swift worker as a FastCGI responder behind nginx.",
        subcommands: OutpostCommand.allSubcommands
    )
}

/// The entry point a worker's `main` calls.
public enum OutpostCLI {
    /// Parses the command line and runs the chosen command with `worker`, then exits.
    ///
    /// ```swift
    /// @main struct Main { static func main() async { await OutpostCLI.main(worker: Hello()) } }
    /// ```
    public static func main(worker: some Worker, arguments: [String] = Array(CommandLine.arguments.dropFirst())) async
        -> Never
    {
        do {
            let command = try OutpostCommand.parseAsRoot(arguments)
            if let workerCommand = command as? any WorkerCommand {
                try await workerCommand.run(worker: worker)
            } else if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
            OutpostCommand.exit()
        } catch {
            OutpostCommand.exit(withError: error)
        }
    }
}
