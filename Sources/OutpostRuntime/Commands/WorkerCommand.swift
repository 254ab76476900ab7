import ArgumentParser
import Outpost

/// A command that needs the worker (serve, dev, cron trigger, …).
protocol WorkerCommand: ParsableCommand {
    /// Runs the command with the program's worker.
    func run(worker: any Worker) async throws

    /// Runs the command with the program's worker and the executable's start-up checks (only the
    /// worker process, which builds the `Env`, runs them); by default `run(worker:)`.
    func run(worker: any Worker, startupWarnings: @escaping StartupWarnings) async throws
}

/// What a worker executable wants said when a worker process starts with `env`: one message each,
/// logged as warnings (e.g. "the development login is on").
typealias StartupWarnings = @Sendable (Env) -> [String]

extension WorkerCommand {
    func run() throws {
        throw ValidationError("this command needs a worker; run it through OutpostCLI.main(worker:)")
    }

    func run(worker: any Worker, startupWarnings: @escaping StartupWarnings) async throws {
        try await run(worker: worker)
    }
}
