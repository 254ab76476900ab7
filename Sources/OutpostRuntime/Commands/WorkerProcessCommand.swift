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

    @Flag(help: "Development mode: error details in responses, test endpoints on.")
    var dev = false

    func run(worker: any Worker) async throws {
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
        await runtime.serve(listenFD: listenFD)
    }
}

/// Everything a worker process runs: the FastCGI server, waitUntil tracking, and the drain on stop.
struct WorkerRuntime: Sendable {
    let config: WorkerConfig
    let invoker: WorkerInvoker
    let tracker: WaitUntilTracker
    let logger: Logger
    let dev: Bool

    init(worker: any Worker, config: WorkerConfig, dev: Bool, logger: Logger) throws {
        self.config = config
        self.logger = logger
        self.dev = dev
        let waitUntilLogger = logger
        tracker = WaitUntilTracker { error in
            waitUntilLogger.error("waitUntil task failed", metadata: ["error": "\(error)"])
        }
        let env = try EnvFactory(config: config).makeEnv()
        invoker = WorkerInvoker(worker: worker, env: env, tracker: tracker, showsErrors: dev, logger: logger)
    }

    /// Serves until SIGTERM/SIGINT, then drains requests and waitUntil work within the shutdown timeout.
    func serve(listenFD: Int32) async {
        let invoker = self.invoker
        let server = FastCGIServer(
            listenFD: listenFD,
            options: FastCGIServerOptions(
                threads: config.outpost.threads, maxBodyBytes: config.outpost.maxBodyBytes,
                requestTimeoutMs: config.outpost.requestTimeoutMs, slowlogMs: config.outpost.slowlogMs,
                colo: config.outpost.colo),
            logger: logger,
            handler: { request in await invoker.fetch(request) })
        let logger = self.logger
        let watcher = SignalWatcher([SIGTERM, SIGINT, SIGQUIT]) { _ in
            logger.info("worker process stopping: finishing requests in flight")
            server.stop()
        }
        defer { watcher.cancel() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                server.run()
                continuation.resume()
            }
            thread.name = "fastcgi-main"
            thread.start()
        }
        await drainWaitUntil()
        logger.debug("worker process stopped")
    }

    private func drainWaitUntil() async {
        guard tracker.inFlight > 0 else { return }
        logger.info("waiting for waitUntil tasks", metadata: ["tasks": "\(tracker.inFlight)"])
        let tracker = self.tracker
        let timeoutMs = config.outpost.shutdownTimeoutMs
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await tracker.drained() }
            group.addTask { try? await Task.sleep(for: .milliseconds(timeoutMs)) }
            await group.next()
            group.cancelAll()
        }
        if tracker.inFlight > 0 {
            logger.error("shutdown timeout: abandoning waitUntil tasks", metadata: ["tasks": "\(tracker.inFlight)"])
        }
    }
}
