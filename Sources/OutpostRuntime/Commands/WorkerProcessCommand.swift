import ArgumentParser
import Foundation
import Glibc
import Logging
import Outpost
import OutpostConfig
import OutpostFastCGI

/// The worker process `serve` and `dev` spawn: accept threads on the inherited socket.
struct WorkerProcessCommand: WorkerCommand {
    static let name = "_worker"
    static let configuration = CommandConfiguration(
        commandName: name, abstract: "Run the worker process (started by serve/dev).", shouldDisplay: false)

    @OptionGroup var options: ConfigOptions
    @OptionGroup var overrides: ServeOverrides

    @Option(help: "The inherited listening socket.")
    var listenFD: Int32 = 3

    @Option(help: "The inherited control socket to the supervisor (readiness, go, stop).")
    var controlFD: Int32?

    @Flag(help: "Development mode: error details in responses, test endpoints on.")
    var dev = false

    func run(worker: any Worker) async throws {
        try await run(worker: worker, startupWarnings: { _ in [] })
    }

    func run(worker: any Worker, startupWarnings: @escaping StartupWarnings) async throws {
        let logger = LoggingSetup.logger("outpost.worker")
        let runtime: WorkerRuntime
        do {
            var config = try options.load()
            try overrides.apply(to: &config)
            runtime = try WorkerRuntime(worker: worker, config: config, dev: dev, logger: logger)
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode(Supervisor.configExitCode)
        }
        for warning in startupWarnings(runtime.env) { logger.warning("\(warning)") }
        await runtime.serve(listenFD: listenFD, control: controlFD.map { ControlChannel(fd: $0) })
    }
}
