public import Foundation
public import Outpost

/// The KYX check-in system as an Outpost worker: user pages and API, the admin back office under
/// `/admin` and `/api/admin/*`, and the crons of `[triggers]` (checkin-app.md).
/// JS equivalent: the original Worker's `export default { fetch, scheduled }`.
public struct KYXWorker: Worker {
    /// Where "now" comes from (injected in tests).
    /// JS equivalent: `Date.now()`.
    public let clock: CheckinClock
    /// The counters behind `/api/admin/metrics`.
    /// JS equivalent: none (module-level counters).
    public let metrics: KYXMetrics
    private let log: @Sendable (String) -> Void
    private let passwordHashes: PasswordHashPool
    /// The process-local level in front of KV, shared by this worker's requests.
    private let memory = MemoryCache()
    /// The settings read from the env's vars, kept while the env stays the same.
    private let settingsMemo = SettingsMemo()

    /// A worker reading `clock`, counting into `metrics`, logging to `log` (stderr by default), verifying
    /// admin passwords on `passwordHashThreads` dedicated threads with room for `passwordHashQueue`
    /// waiting logins (further logins are answered 429 at once).
    /// JS equivalent: none (a module Worker has no constructor).
    public init(
        clock: CheckinClock = .system, metrics: KYXMetrics = KYXMetrics(),
        log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data("[kyx] \($0)\n".utf8)) },
        passwordHashThreads: Int = 1, passwordHashQueue: Int = 2
    ) {
        self.clock = clock
        self.metrics = metrics
        self.log = log
        passwordHashes = PasswordHashPool(threads: passwordHashThreads, queueLimit: passwordHashQueue)
    }

    /// Routes one request; errors become the user (`{"error"}`) or admin (`{"success": false}`) shape.
    /// JS equivalent: `fetch(request, env, ctx)`.
    public func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response {
        let started = ContinuousClock.now
        let context = try context(for: request, env: env, now: clock.now(), execution: ctx)
        let router = Router(ctx: context)
        var response = await router.respond()
        if let tally = context.caches.tally { response.headers.set(KVTally.header, tally.text) }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        metrics.record(route: router.routeName, milliseconds: milliseconds)
        return response
    }

    /// Runs the cron of `controller`: rankings and inventory every 5 minutes, cleanup and warm-up hourly.
    /// JS equivalent: `scheduled(controller, env, ctx)`.
    public func scheduled(_ controller: ScheduledController, env: Env, ctx: ExecutionContext) async throws {
        let now = Date(timeIntervalSince1970: controller.scheduledTime / 1_000)
        let context = try AppContext.forCron(env: env, worker: self, now: now)
        try await ScheduledJobs(ctx: context).run(cron: controller.cron)
    }

    func context(for request: Request, env: Env, now: Date, execution: ExecutionContext? = nil) throws -> AppContext {
        let settings = settingsMemo.settings(for: env)
        let kv = try? env.KV
        let caches = Caches(
            kv: kv, settings: settings, metrics: metrics, memory: memory, now: now.timeIntervalSince1970, log: log)
        return AppContext(
            request: request, env: env, db: try env.DB, settings: settings, now: now, metrics: metrics,
            caches: caches, log: log, passwordHashes: passwordHashes, execution: execution)
    }
}
