import Foundation
import KYXCheckin
import Outpost
import OutpostRuntime
import OutpostSQLite

/// The worker over real SQLite files (D1 and KV) in a temp directory, migrated, with a test clock.
struct TestApp: Sendable {
    let directory: String
    let clock: TestClock
    let worker: KYXWorker
    let env: Env
    let db: D1Database
    let kv: KVNamespace
    let metrics: KYXMetrics

    static var migrationsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("migrations").path
    }

    init(
        kvStorage: (any KVStorage)? = nil, vars: [String: JSONValue] = [:], clock: TestClock = TestClock(),
        fetcher: any Fetcher = FakeLinuxDo()
    ) throws {
        directory = NSTemporaryDirectory() + "kyx-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let engine = try D1Engine(path: directory + "/db.sqlite")
        let report = try D1Migrations(directory: Self.migrationsDirectory).apply(on: engine)
        if let failure = report.failure { throw TestFailure(message: "migration failed: \(failure)") }
        self.clock = clock
        let storage = try kvStorage ?? SQLiteKVStorage(path: directory + "/kv.sqlite")
        kv = KVNamespace(storage: storage, clock: KVClock { Int64(clock.now.timeIntervalSince1970 * 1_000) })
        db = D1Database(storage: engine)
        var allVars: [String: JSONValue] = [
            "DEV_LOGIN_ENABLED": "true", "ADMIN_PBKDF2_ITERATIONS": "1000", "TIMEZONE_OFFSET_MINUTES": "480",
        ]
        for (name, value) in vars { allVars[name] = value }
        env = Env(
            vars: allVars,
            bindings: [
                "KV": Env.Binding(kind: "KV namespace", value: kv), "DB": Env.Binding(kind: "D1 database", value: db),
            ], fetcher: fetcher)
        metrics = KYXMetrics()
        worker = KYXWorker(clock: clock.checkinClock, metrics: metrics, log: { _ in })
    }

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
        return try await worker.fetch(request, env: env, ctx: ExecutionContext())
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
