import Foundation
import KYXCheckin
import Outpost
import OutpostTesting

/// The flagship as `TestWorker` runs it: the real `wrangler-like.toml` (migrations applied, KV and D1
/// on temporary SQLite files), test vars on top, and a manual clock shared by the worker and KV expiry.
struct TestApp: Sendable {
    let test: TestWorker
    let clock: ManualClock
    let worker: KYXWorker
    let db: D1Database
    let kv: KVNamespace
    let metrics: KYXMetrics

    /// The bindings the worker sees.
    var env: Env { test.env }

    /// The flagship's config at the package root.
    static var configPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("wrangler-like.toml").path
    }

    /// 2026-03-01T01:00:00Z, 09:00 in UTC+8.
    static func clock(at date: Date = Date(timeIntervalSince1970: 1_772_326_800)) -> ManualClock {
        ManualClock(now: date)
    }

    init(
        kvStorage: (any KVStorage)? = nil, vars: [String: JSONValue] = [:], clock: ManualClock = TestApp.clock(),
        fetcher: any Fetcher = FakeLinuxDo()
    ) async throws {
        self.clock = clock
        metrics = KYXMetrics()
        worker = KYXWorker(clock: CheckinClock { clock.now }, metrics: metrics, log: { _ in })
        var overrides = TestBindings()
            .vars(["DEV_LOGIN_ENABLED": "true", "ADMIN_PBKDF2_ITERATIONS": "1000", "TIMEZONE_OFFSET_MINUTES": "480"])
            .vars(Self.kvOnly)
            .vars(vars)
        if let kvStorage { overrides = overrides.kv("KV", storage: kvStorage) }
        test = try await TestWorker(
            worker, config: Self.configPath, overrides: overrides, clock: clock, fetcher: fetcher)
        db = try test.env.d1("DB")
        kv = try test.env.kv("KV")
    }

    /// The tests' default: every family's memory level off and no login warm-up, so a test sees each
    /// request's KV traffic (`KVBudgetTests` turns both back on).
    static let kvOnly: [String: JSONValue] = {
        var vars: [String: JSONValue] = ["WARM_AT_LOGIN": "false"]
        for family in CacheFamily.allCases { vars["CACHE_\(family.rawValue.uppercased())_MEMORY_TTL"] = "0" }
        return vars
    }()

    /// Sends a request through the worker's `fetch`.
    func send(
        _ method: String, _ path: String, json: JSONValue? = nil, form: String? = nil, cookie: String? = nil,
        headers extra: [(String, String)] = [], body: [UInt8]? = nil
    ) async throws -> Response {
        var headers = Headers()
        headers.set("Host", "kyx.test")
        if let cookie { headers.set("Cookie", cookie) }
        var bytes: [UInt8] = body ?? []
        if let json {
            headers.set("Content-Type", "application/json")
            bytes = Array(json.serialized.utf8)
        }
        if let form {
            headers.set("Content-Type", "application/x-www-form-urlencoded")
            bytes = Array(form.utf8)
        }
        for (name, value) in extra { headers.set(name, value) }
        let request = Request(
            url: URL(string: "http://kyx.test" + path)!, method: method, headers: headers, body: bytes)
        return await test.fetch(request)
    }

    /// Sends and parses the JSON body.
    func json(
        _ method: String, _ path: String, json: JSONValue? = nil, cookie: String? = nil,
        headers: [(String, String)] = []
    ) async throws -> (status: Int, body: JSONValue) {
        let response = try await send(method, path, json: json, cookie: cookie, headers: headers)
        return (response.status, try await response.json())
    }

    /// Logs `username` in through the dev identity provider; answers the `Cookie` header value.
    func login(_ username: String) async throws -> String {
        let response = try await send("POST", "/dev/login", form: "username=" + username)
        guard response.status == 302, let cookie = response.headers.getSetCookie().first else {
            throw TestFailure(message: "dev login failed: \(response.status)")
        }
        return String(cookie.prefix { $0 != ";" })
    }

    /// Adds `count` codes of `cents` each, created at `createdAt` (ISO), named `prefix0…`.
    func stock(_ count: Int, cents: Int, prefix: String, createdAt: String = "2026-01-01T00:00:00Z") async throws {
        var statements: [D1PreparedStatement] = []
        for index in 0..<count {
            statements.append(
                try db.prepare("INSERT INTO redemption_codes (code, amount_cents, created_at) VALUES (?, ?, ?)")
                    .bind("\(prefix)\(String(format: "%04d", index))", cents, createdAt))
        }
        _ = try await db.batch(statements)
    }

    /// One integer from a SQL query.
    func count(_ sql: String, _ values: any D1Bindable...) async throws -> Int {
        guard let row = try await db.prepare(sql).bind(values).first(), let key = row.keys.first else { return -1 }
        return row[key]?.intValue ?? -1
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
