public import ArgumentParser
import Foundation
public import Outpost

/// The entry point a worker's `main` calls.
///
/// JS equivalent: `export default worker` plus the `wrangler` command line (`wrangler dev`,
/// `wrangler kv …`, `wrangler d1 …`), in one executable.
public enum OutpostCLI {
    /// Parses the command line and runs the chosen command with `worker`, then exits. `commands` adds
    /// the executable's own subcommands (ArgumentParser commands; `ConfigOptions` gives them
    /// `--config`, `--env` and `--persist-to`, and `loadEnv()` the worker's bindings), listed in
    /// `--help` beside Outpost's. `startupWarnings` is asked, in each worker process once its `env`
    /// is built, what to warn about (each message is logged as a warning).
    ///
    /// ```swift
    /// @main struct Main { static func main() async { await OutpostCLI.main(worker: Hello()) } }
    /// ```
    ///
    /// JS equivalent: `export default { fetch, scheduled }`, run by `wrangler dev` / `workerd serve`.
    public static func main(
        worker: some Worker, commands: [any ParsableCommand.Type] = [],
        startupWarnings: @escaping @Sendable (Env) -> [String] = { _ in [] },
        arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) async -> Never {
        // Help and error texts are rendered inside the task-local scope, where the worker's commands exist.
        let outcome = await OutpostCommand.$workerCommands.withValue(commands) { () async -> (Int32, String) in
            guard
                let error = await run(worker: worker, startupWarnings: startupWarnings, arguments: arguments)
            else { return (0, "") }
            return (OutpostCommand.exitCode(for: error).rawValue, OutpostCommand.fullMessage(for: error))
        }
        if !outcome.1.isEmpty {
            let stream = outcome.0 == 0 ? FileHandle.standardOutput : FileHandle.standardError
            stream.write(Data((outcome.1 + "\n").utf8))
        }
        exit(outcome.0)
    }

    /// Runs the command; returns the error to exit with (`nil` for success).
    private static func run(
        worker: some Worker, startupWarnings: @escaping StartupWarnings, arguments: [String]
    ) async -> (any Error)? {
        do {
            let command = try OutpostCommand.parseAsRoot(arguments)
            if let workerCommand = command as? any WorkerCommand {
                try await workerCommand.run(worker: worker, startupWarnings: startupWarnings)
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
