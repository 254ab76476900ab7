import Foundation
import Glibc
import Logging
import Metrics
import Outpost
import OutpostConfig
import OutpostCron
import OutpostFastCGI
import Prometheus
import Synchronization

/// Everything a worker process runs: the FastCGI server, the status page, the cron scheduler,
/// `waitUntil` tracking, and the drain on SIGTERM.
struct WorkerRuntime: Sendable {
    let worker: any Worker
    let config: WorkerConfig
    let env: Env
    let invoker: WorkerInvoker
    let tracker: WaitUntilTracker
    let logger: Logger
    let dev: Bool
    let registry: PrometheusCollectorRegistry
    let crons: [CronExpression]

    init(worker: any Worker, config: WorkerConfig, dev: Bool, logger: Logger) throws {
        self.worker = worker
        self.config = config
        self.logger = logger
        self.dev = dev
        registry = MetricsSetup.bootstrap()
        crons = try CronConfigValidator.parsedCrons(in: config)
        let waitUntilLogger = logger
        tracker = WaitUntilTracker { error in
            waitUntilLogger.error("waitUntil task failed", metadata: ["error": "\(error)"])
        }
        env = try EnvFactory(config: config).makeEnv()
        invoker = WorkerInvoker(worker: worker, env: env, tracker: tracker, showsErrors: dev, logger: logger)
        if dev, ProcessInfo.processInfo.environment["OUTPOST_QUIET"] == nil {
            logger.info(
                "dev mode: error details are sent to the client; GET /__scheduled?cron=… runs the scheduled handler")
        }
    }

    /// Serves until SIGTERM/SIGINT, then drains requests and waitUntil work within the shutdown timeout.
    func serve(listenFD: Int32) async {
        let stats = FastCGIStats(threads: max(1, config.outpost.threads))
        let scheduler = CronScheduler(
            worker: worker, env: env, crons: crons, clock: SystemCronClock(), logger: logger,
            options: CronSchedulerOptions(config: config), tracker: tracker)
        let status = StatusPage(
            name: config.name ?? "outpost", startTime: Date(), stats: stats, tracker: tracker, listenFD: listenFD,
            registry: registry, cronStats: scheduler.stats)
        let server = FastCGIServer(
            listenFD: listenFD,
            options: FastCGIServerOptions(
                threads: config.outpost.threads, maxBodyBytes: config.outpost.maxBodyBytes,
                requestTimeoutMs: config.outpost.requestTimeoutMs, slowlogMs: config.outpost.slowlogMs,
                colo: config.outpost.colo),
            logger: logger, stats: stats, handler: makeHandler(status: status))
        let cronTask = Task { await scheduler.run() }
        let logger = self.logger
        let watcher = SignalWatcher([SIGTERM, SIGINT, SIGQUIT]) { _ in
            logger.info("worker process stopping: finishing requests in flight")
            server.stop()
            cronTask.cancel()
        }
        defer { watcher.cancel() }
        Self.stopWhenOrphaned(logger: logger) {
            server.stop()
            cronTask.cancel()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                server.run()
                continuation.resume()
            }
            thread.name = "fastcgi-main"
            thread.start()
        }
        cronTask.cancel()
        await cronTask.value
        await drainWaitUntil()
        logger.debug("worker process stopped")
    }

    /// Watches the parent (the supervisor): if it dies without stopping us (kill -9), this process
    /// drains and exits instead of living on, unsupervised, on the socket.
    private static func stopWhenOrphaned(logger: Logger, stop: @escaping @Sendable () -> Void) {
        let parent = getppid()
        Thread.detachNewThread {
            while getppid() == parent { sleep(1) }
            logger.error("the supervisor is gone; this worker process finishes its requests and exits")
            stop()
        }
    }

    /// The request path: the status page, dev's scheduled-test endpoints, then the worker.
    private func makeHandler(status: StatusPage) -> FastCGIHandler {
        let invoker = self.invoker
        let statusPath = config.outpost.statusPath
        let dev = self.dev
        let worker = self.worker
        let env = self.env
        let tracker = self.tracker
        return { request in
            if let statusPath, request.path == statusPath {
                return status.response(for: request)
            }
            if dev,
                let response = await ScheduledTestEndpoint.response(
                    for: request, worker: worker, env: env, tracker: tracker)
            {
                return response
            }
            return await invoker.fetch(request)
        }
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

/// Routes swift-metrics (KV, D1, cron counters) to one Prometheus registry per process.
enum MetricsSetup {
    private static let registry = Mutex<PrometheusCollectorRegistry?>(nil)

    /// The process's registry; the first call bootstraps swift-metrics with it.
    static func bootstrap() -> PrometheusCollectorRegistry {
        registry.withLock { current in
            if let current { return current }
            let created = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: created))
            current = created
            return created
        }
    }
}
