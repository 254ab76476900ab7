import Foundation
import Outpost

/// Everything one request's handlers need: the request, bindings, settings, the instant, caches, metrics.
///
/// A class: every route and service holds it, so passing it on is one reference, not a copy of every
/// binding, setting and cache of the request.
final class AppContext: Sendable {
    let request: Request
    let env: Env
    let db: D1Database
    let settings: AppSettings
    let now: Date
    let metrics: KYXMetrics
    let caches: Caches
    let log: @Sendable (String) -> Void
    /// Where admin passwords are verified (a bounded pool of hashing threads).
    let passwordHashes: PasswordHashPool
    /// The invocation's context for work after the response (`nil` for a cron run).
    let execution: ExecutionContext?

    /// The context of one request (or cron run, without `execution`).
    init(
        request: Request, env: Env, db: D1Database, settings: AppSettings, now: Date, metrics: KYXMetrics,
        caches: Caches, log: @escaping @Sendable (String) -> Void, passwordHashes: PasswordHashPool,
        execution: ExecutionContext? = nil
    ) {
        self.request = request
        self.env = env
        self.db = db
        self.settings = settings
        self.now = now
        self.metrics = metrics
        self.caches = caches
        self.log = log
        self.passwordHashes = passwordHashes
        self.execution = execution
    }

    /// The check-in date of `now` (UTC+8 by default).
    var today: String { settings.calendar.date(of: now) }

    /// `now` as UTC ISO-8601 with `Z`.
    var nowISO: String { DayCalendar.iso(now) }

    /// `now + seconds` as UTC ISO-8601 with `Z`.
    func isoAfter(seconds: Int) -> String { DayCalendar.iso(now.addingTimeInterval(TimeInterval(seconds))) }

    /// Whether the request came over HTTPS (directly or per `X-Forwarded-Proto`).
    var isHTTPS: Bool {
        request.url.scheme == "https" || request.headers["x-forwarded-proto"] == "https"
    }

    /// The client's address: `CF-Connecting-IP` (the runtime sets it from the peer, as Cloudflare's
    /// edge does), else the FastCGI peer address.
    var clientAddress: String? {
        request.headers["cf-connecting-ip"] ?? request.cf.clientAddress
    }

    /// Runs `work` after the response (`ctx.waitUntil`); without an invocation context, now.
    func afterResponse(_ work: @escaping @Sendable () async throws -> Void) async throws {
        if let execution { execution.waitUntil(work) } else { try await work() }
    }

    /// The request body as a JSON object (empty when absent or not an object).
    func jsonBody() async -> JSONObject {
        (try? await request.json().objectValue) ?? JSONObject()
    }

    /// A context for a cron run (no client request).
    static func forCron(env: Env, worker: KYXWorker, now: Date) throws -> AppContext {
        let request = Request(url: URL(string: "http://localhost/__cron")!)
        return try worker.context(for: request, env: env, now: now)
    }
}
