public import Foundation
import Logging
public import Outpost
import OutpostConfig
import OutpostCron
import OutpostRuntime

/// A worker running in-process against temporary bindings, for your own tests: KV namespaces and D1
/// databases on fresh SQLite files (real SQLite, the same code that serves production) with
/// migrations applied, a `ManualClock` for KV expiry and cron times, and `env` for setup and
/// assertions. `fetch` and `scheduled` return once the invocation's `waitUntil` work is done.
///
/// ```swift
/// let test = try await TestWorker(Hello(), config: "wrangler.toml")
/// let response = try await test.fetch("/hits")
/// #expect(try await test.env.kv("KV").get("hits") == "1")
/// ```
///
/// JS equivalent: `@cloudflare/vitest-pool-workers` (`env` from `cloudflare:test`, `SELF.fetch`,
/// `createScheduledController`, `waitOnExecutionContext`).
public final class TestWorker: Sendable {
    /// The worker under test. JS equivalent: the module's `export default` that `SELF` calls.
    public let worker: any Worker
    /// The bindings the worker sees; use them to seed data and to check what the worker wrote.
    /// JS equivalent: `import { env } from "cloudflare:test"`.
    public let env: Env
    /// The clock KV expiry and `scheduled` read. JS equivalent: vitest's fake timers.
    public let clock: ManualClock
    /// The temporary state directory holding the KV and D1 files (removed when the `TestWorker` goes).
    /// JS equivalent: miniflare's per-test isolated storage.
    public let stateDirectory: String
    private let invoker: WorkerInvoker
    private let tracker: WaitUntilTracker
    private let failures: WaitUntilFailures

    /// A worker with the bindings of the config file at `config` (`[env.NAME]` applied when
    /// `environment` is set, `.dev.vars` read), its D1 migrations applied, every KV and D1 file in a
    /// fresh temporary directory; `overrides` adds or replaces vars, secrets and bindings.
    /// JS equivalent: `defineWorkersConfig({ test: { poolOptions: { workers: { wrangler: { configPath } } } } })`.
    public convenience init(
        _ worker: some Worker, config path: String, environment: String? = nil,
        overrides: TestBindings = TestBindings(), clock: ManualClock = ManualClock(),
        fetcher: (any Fetcher)? = nil
    ) async throws {
        let loaded = try ConfigLoader.load(
            explicitPath: path, environment: environment,
            workingDirectory: FileManager.default.currentDirectoryPath)
        try await self.init(worker, config: loaded, overrides: overrides, clock: clock, fetcher: fetcher)
    }

    /// A worker with exactly `bindings`, each KV and D1 binding on a fresh temporary SQLite file.
    /// JS equivalent: `defineWorkersConfig({ test: { poolOptions: { workers: { miniflare: { … } } } } })`.
    public convenience init(
        _ worker: some Worker, bindings: TestBindings, clock: ManualClock = ManualClock(),
        fetcher: (any Fetcher)? = nil
    ) async throws {
        let directory = FileManager.default.currentDirectoryPath
        try await self.init(
            worker, config: WorkerConfig(file: "(test bindings)", directory: directory), overrides: bindings,
            clock: clock, fetcher: fetcher)
    }

    private init(
        _ worker: some Worker, config loaded: WorkerConfig, overrides: TestBindings, clock: ManualClock,
        fetcher: (any Fetcher)?
    ) async throws {
        let state = try TestStateDirectory.make()
        var config = loaded
        config.outpost.stateDir = state
        config.add(overrides)
        try await TestMigrations.apply(config: config)
        let failures = WaitUntilFailures()
        let tracker = WaitUntilTracker { error in failures.record(error) }
        let factory = EnvFactory(config: config, kvClock: clock.kvClock)
        var bindings = try factory.makeBindings()
        for (name, storage) in overrides.kvStorages {
            bindings[name] = Env.Binding(
                kind: "KV namespace", value: KVNamespace(storage: storage, clock: clock.kvClock))
        }
        let env = Env(
            vars: config.vars.mapValues(JSONValue.init).merging(overrides.vars) { _, new in new },
            secrets: config.secrets.merging(overrides.secrets) { _, new in new }, bindings: bindings,
            configFile: config.file, fetcher: fetcher ?? URLSessionFetcher())
        self.worker = worker
        self.env = env
        self.clock = clock
        self.stateDirectory = state
        self.tracker = tracker
        self.failures = failures
        invoker = WorkerInvoker(
            worker: worker, env: env, tracker: tracker, showsErrors: true, logger: Logger(label: "outpost.test"))
    }

    deinit {
        try? FileManager.default.removeItem(atPath: stateDirectory)
    }

    /// Sends `request` to the worker's `fetch` and returns its response once the request's `waitUntil`
    /// work has finished. An uncaught error becomes the 500 response `dev` would send (its text in the
    /// body); an `HTTPError` becomes its status. JS equivalent: `await SELF.fetch(request)`, then
    /// `await waitOnExecutionContext(ctx)`.
    public func fetch(_ request: Request) async -> Response {
        let ctx = ExecutionContext(tracker: tracker)
        let response = await invoker.fetch(request, ctx: ctx)
        await ctx.settle()
        return response
    }

    /// Sends a request for `url` (a path like `/api/x` means `http://localhost/api/x`) with `method`,
    /// `headers` and a UTF-8 `body`. JS equivalent: `await SELF.fetch(url, { method, headers, body })`.
    public func fetch(
        _ url: String, method: String = "GET", headers: [String: String] = [:], body: String? = nil
    ) async throws -> Response {
        let absolute = url.hasPrefix("/") ? "http://localhost" + url : url
        guard let parsed = URL(string: absolute) else { throw TypeError("Invalid URL: \(url)") }
        var fields = Headers()
        for (name, value) in headers { fields.set(name, value) }
        return await fetch(Request(url: parsed, method: method, headers: fields, body: Array((body ?? "").utf8)))
    }

    /// Runs the worker's `scheduled` handler for `cron`, due at `scheduledTime` (default: the clock's
    /// now), and returns once its `waitUntil` work has finished; rethrows what the handler threw.
    /// JS equivalent: `await worker.scheduled(createScheduledController({ cron, scheduledTime }), env, ctx)`,
    /// then `await waitOnExecutionContext(ctx)`.
    @discardableResult
    public func scheduled(cron: String = "* * * * *", scheduledTime: Date? = nil) async throws -> ScheduledController {
        let time = ((scheduledTime ?? clock.now).timeIntervalSince1970 * 1_000).rounded(.down)
        let controller = ScheduledController(cron: cron, scheduledTime: time)
        let result = await ScheduledInvocation.run(controller, worker: worker, env: env, tracker: tracker)
        if let error = result.error { throw error }
        return controller
    }

    /// The errors `waitUntil` work threw so far, as text, oldest first. JS equivalent: none (workerd
    /// logs them); assert on them instead of reading logs.
    public var waitUntilErrors: [String] { failures.all }
}
