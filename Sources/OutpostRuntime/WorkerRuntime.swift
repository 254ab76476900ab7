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
/// `waitUntil` tracking, the supervisor's control messages, and the drain on SIGTERM.
struct WorkerRuntime: Sendable {
    let worker: any Worker
    let config: WorkerConfig
    let env: Env
    let invoker: WorkerInvoker
    let tracker: WaitUntilTracker
    let logger: Logger
    let dev: Bool
    let registry: PrometheusCollectorRegistry
    let metrics: any MetricsFactory
    let requestMetrics: RequestMetrics
    let crons: [CronExpression]
    let trustedProxies: [IPRange]

    init(worker: any Worker, config: WorkerConfig, dev: Bool, logger: Logger) throws {
        self.worker = worker
        self.config = config
        self.logger = logger
        self.dev = dev
        // The executable bootstrapped swift-metrics with the registry the status page shows.
        metrics = MetricsSystem.factory
        registry = MetricsBootstrap.registry ?? PrometheusCollectorRegistry()
        requestMetrics = RequestMetrics(factory: metrics)
        crons = try CronConfigValidator.parsedCrons(in: config)
        trustedProxies = config.outpost.trustedProxies.compactMap(IPRange.init)
        let waitUntilLogger = logger
        tracker = WaitUntilTracker { error in
            waitUntilLogger.error("waitUntil task failed", metadata: ["error": "\(error)"])
        }
        env = try EnvFactory(config: config, metrics: metrics).makeEnv()
        invoker = WorkerInvoker(worker: worker, env: env, tracker: tracker, showsErrors: dev, logger: logger)
        if dev, ProcessInfo.processInfo.environment["OUTPOST_QUIET"] == nil {
            logger.info(
                "dev mode: error details are sent to the client; GET /__scheduled?cron=… runs the scheduled handler")
        }
    }

    /// Serves until told to stop, then drains requests and waitUntil work within the shutdown timeout.
    /// With `control` (started by the supervisor): reports ready once initialised, waits for the go
    /// (a spare waits here), then follows the supervisor's stop/drain messages; when the supervisor is
    /// gone (end-of-file) it finishes its requests and exits instead of living on unsupervised.
    func serve(listenFD: Int32, control: ControlChannel?) async {
        let scheduler = makeScheduler()
        let status = makeStatusPage(listenFD: listenFD, cronStats: scheduler.stats, pooled: control != nil)
        let server = makeServer(listenFD: listenFD, stats: status.stats, status: status)
        let logger = self.logger
        let shutdownTimeout = Duration.milliseconds(config.outpost.shutdownTimeoutMs)
        let cronTask = Mutex<Task<Void, Never>?>(nil)
        let stop: @Sendable (_ answeringQueued: Bool) -> Void = { answeringQueued in
            server.stop(answeringQueued: answeringQueued, deadline: .now + shutdownTimeout)
            control?.interrupt()
            cronTask.withLock { $0?.cancel() }
        }
        // SIGTERM/SIGINT from outside (a terminal's Ctrl-C, systemd): answer the queue too.
        let watcher = SignalWatcher([SIGTERM, SIGINT, SIGQUIT]) { _ in
            logger.info("worker process stopping: finishing requests in flight")
            stop(true)
        }
        defer { watcher.cancel() }
        if let control {
            control.send(.ready)
            switch control.receive() {
            case .go where !server.isStopping:
                Self.follow(control, logger: logger, stop: stop)
            case .drain:
                // The service stops before this process was let in: it still answers what is queued.
                stop(true)
            default:
                logger.debug("worker process stopped before it started accepting")
                return
            }
        }
        // From here on this process serves: its figures join the pool's (a spare's do not until now).
        let publisher = status.pool.map { PoolMetricsPublisher(pool: $0, status: status) }
        cronTask.withLock { $0 = server.isStopping ? nil : Task { await scheduler.run() } }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                server.run()
                continuation.resume()
            }
            thread.name = "fastcgi-main"
            thread.start()
        }
        let cron = cronTask.withLock { $0 }
        cron?.cancel()
        await cron?.value
        await drainWaitUntil()
        publisher?.finish()
        logger.debug("worker process stopped")
    }

    /// Acts on the supervisor's messages until it says stop or is gone.
    private static func follow(
        _ control: ControlChannel, logger: Logger, stop: @escaping @Sendable (_ answeringQueued: Bool) -> Void
    ) {
        Thread.detachNewThread {
            switch control.receive() {
            case .stop: stop(false)
            case .drain: stop(true)
            case .ready, .go, nil:
                logger.error("the supervisor is gone; this worker process finishes its requests and exits")
                stop(false)
            }
        }
    }

    /// The status page; a process of the supervisor's pool shares its metrics with its siblings.
    private func makeStatusPage(listenFD: Int32, cronStats: CronStats, pooled: Bool) -> StatusPage {
        var pool: PoolMetrics?
        if pooled, config.outpost.statusPath != nil {
            do {
                pool = try PoolMetrics(stateDir: config.outpost.stateDir, supervisor: getppid())
            } catch {
                logger.error("the status page shows this process's metrics only", metadata: ["error": "\(error)"])
            }
        }
        return StatusPage(
            name: config.name ?? "outpost", startTime: Date(),
            stats: FastCGIStats(threads: serverOptions.totalThreads),
            tracker: tracker, listenFD: listenFD, registry: registry, serverMetrics: ServerMetrics(registry: registry),
            cronStats: cronStats, pool: pool)
    }

    /// The FastCGI server's settings from `[outpost]`.
    private var serverOptions: FastCGIServerOptions {
        FastCGIServerOptions(
            threads: config.outpost.threads, maxBodyBytes: config.outpost.maxBodyBytes,
            requestTimeoutMs: config.outpost.requestTimeoutMs, slowlogMs: config.outpost.slowlogMs,
            colo: config.outpost.colo, trustedProxies: trustedProxies, keptConnections: config.outpost.keptConnections)
    }

    private func makeServer(listenFD: Int32, stats: FastCGIStats, status: StatusPage) -> FastCGIServer {
        return FastCGIServer(
            listenFD: listenFD,
            options: serverOptions,
            logger: logger, stats: stats, handler: makeHandler(status: status))
    }

    private func makeScheduler() -> CronScheduler {
        CronScheduler(
            worker: worker, env: env, crons: crons, clock: SystemCronClock(), logger: logger,
            options: CronSchedulerOptions(config: config), tracker: tracker,
            observer: CronMetrics(crons: crons.map(\.text), factory: metrics))
    }

    /// The request path: the status page, dev's scheduled-test endpoints, then the worker.
    private func makeHandler(status: StatusPage) -> FastCGIHandler {
        let statusPath = config.outpost.statusPath
        let runtime = self
        return { request in
            if let statusPath, request.path == statusPath {
                return status.response(for: request)
            }
            return await runtime.requestMetrics.measure { await runtime.respond(to: request) }
        }
    }

    /// Dev's scheduled-test endpoints, else the worker.
    private func respond(to request: Request) async -> Response {
        if dev,
            let response = await ScheduledTestEndpoint.response(
                for: request, worker: worker, env: env, tracker: tracker)
        {
            return response
        }
        return await invoker.fetch(request)
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
