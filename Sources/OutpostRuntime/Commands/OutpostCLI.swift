public import ArgumentParser
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

/// The entry point a worker's `main` calls.
public enum OutpostCLI {
    /// Parses the command line and runs the chosen command with `worker`, then exits. `commands` adds
    /// the executable's own subcommands (ArgumentParser commands; `ConfigOptions` gives them
    /// `--config`, `--env` and `--persist-to`), listed in `--help` beside Outpost's.
    ///
    /// ```swift
    /// @main struct Main { static func main() async { await OutpostCLI.main(worker: Hello()) } }
    /// ```
    public static func main(
        worker: some Worker, commands: [any ParsableCommand.Type] = [],
        arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) async -> Never {
        // swift-metrics' one bootstrap per process: the Prometheus registry the status page shows.
        MetricsBootstrap.prometheus()
        // Help and error texts are rendered inside the task-local scope, where the worker's commands exist.
        let outcome = await OutpostCommand.$workerCommands.withValue(commands) { () async -> (Int32, String) in
            guard let error = await run(worker: worker, arguments: arguments) else { return (0, "") }
            return (OutpostCommand.exitCode(for: error).rawValue, OutpostCommand.fullMessage(for: error))
        }
        if !outcome.1.isEmpty {
            let stream = outcome.0 == 0 ? FileHandle.standardOutput : FileHandle.standardError
            stream.write(Data((outcome.1 + "\n").utf8))
        }
        exit(outcome.0)
    }

    /// Runs the command; returns the error to exit with (`nil` for success).
    private static func run(worker: some Worker, arguments: [String]) async -> (any Error)? {
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
            return nil
        } catch {
            return error
        }
    }
}
