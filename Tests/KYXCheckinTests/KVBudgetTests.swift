import Foundation
import KYXCheckin
import Outpost
import OutpostTesting
import Testing

/// The KV plan's daily budget (checkin-app.md §6: 1000 users × 20 requests ⇒ ~20,000 KV reads and
/// ~2,000 writes) held per request, so a change that adds a KV read to a route fails here.
@Suite("KV budget")
struct KVBudgetTests {
    /// KV gets and puts of every family so far.
    private func totals(_ metrics: KYXMetrics) -> (reads: Int, writes: Int) {
        CacheFamily.allCases.reduce((0, 0)) { sum, family in
            let counts = metrics.kvCounts(family)
            return (sum.0 + counts.reads, sum.1 + counts.writes)
        }
    }

    /// KV reads and writes per family made by one request.
    private func cost(
        _ app: TestApp, _ method: String, _ path: String, cookie: String
    ) async throws -> (reads: [CacheFamily: Int], writes: [CacheFamily: Int]) {
        let before = CacheFamily.allCases.map { app.metrics.kvCounts($0) }
        _ = try await app.send(method, path, cookie: cookie)
        var reads: [CacheFamily: Int] = [:]
        var writes: [CacheFamily: Int] = [:]
        for (index, family) in CacheFamily.allCases.enumerated() {
            let after = app.metrics.kvCounts(family)
            if after.reads > before[index].reads { reads[family] = after.reads - before[index].reads }
            if after.writes > before[index].writes { writes[family] = after.writes - before[index].writes }
        }
        return (reads, writes)
    }

    /// The production defaults: the memory level (seconds per family) and the login warm-up on.
    private static let memoryOn: [String: JSONValue] = [
        "WARM_AT_LOGIN": "true", "CACHE_SESSIONS_MEMORY_TTL": "10", "CACHE_USER_STATS_MEMORY_TTL": "30",
        "CACHE_CONFIG_MEMORY_TTL": "60", "CACHE_RANKINGS_MEMORY_TTL": "60",
    ]

    /// `memoryOn` without the warm-up.
    private static let memoryOnly: [String: JSONValue] = memoryOn.merging(["WARM_AT_LOGIN": "false"]) { $1 }

    @Test func eachRouteReadsTheSessionOnceAndOnlyWhatItServes() async throws {
        let app = try await TestApp()
        try await app.stock(1, cents: 1000, prefix: "BUDGET")
        let cookie = try await app.login("budget")
        #expect(try await cost(app, "GET", "/", cookie: cookie).reads.isEmpty)
        #expect(try await cost(app, "GET", "/api/user", cookie: cookie).reads == [.sessions: 1])
        #expect(try await cost(app, "GET", "/api/checkin/status", cookie: cookie).reads == [.sessions: 1])
        #expect(try await cost(app, "GET", "/api/codes/recent", cookie: cookie).reads == [.sessions: 1])
        // Not checked in yet: the stats are loaded from D1 but not written to KV (today's check-in will).
        let stats = try await cost(app, "GET", "/api/stats", cookie: cookie)
        #expect(stats.reads == [.sessions: 1, .userStats: 1])
        #expect(stats.writes.isEmpty)
        #expect(
            try await cost(app, "GET", "/api/ranking?type=today", cookie: cookie).reads == [.sessions: 1, .rankings: 1])
        let checkIn = try await cost(app, "POST", "/api/checkin", cookie: cookie)
        // The inventory read checks whether a cached copy must be dropped (none is: no delete).
        #expect(checkIn.reads == [.sessions: 1, .config: 1, .userStats: 1, .inventory: 1])
        #expect(checkIn.writes[.userStats] == 1)  // the stats, once, for the day's change
        let after = try await cost(app, "GET", "/api/stats", cookie: cookie)
        #expect(after.reads == [.sessions: 1, .userStats: 1])
        #expect(after.writes.isEmpty)
    }

    @Test func theTraceHeaderCountsEachRequestsKVOperations() async throws {
        let app = try await TestApp(vars: ["KV_TRACE_HEADER": "true"])
        let cookie = try await app.login("trace")
        #expect(
            try await app.send("GET", "/api/user", cookie: cookie).headers["X-KYX-KV"] == "reads=1 writes=0 deletes=0")
        #expect(try await app.send("GET", "/", cookie: cookie).headers["X-KYX-KV"] == "reads=0 writes=0 deletes=0")
        let plain = try await TestApp()
        #expect(try await plain.send("GET", "/login").headers["X-KYX-KV"] == nil)
    }

    @Test func aPageLoadBurstReadsKVOnceThroughTheMemoryLevel() async throws {
        let app = try await TestApp(vars: Self.memoryOnly)
        let cookie = try await app.login("burst")
        #expect(try await cost(app, "GET", "/api/user", cookie: cookie).reads.isEmpty)  // the login kept it
        app.clock.advance(seconds: 11)
        #expect(try await cost(app, "GET", "/api/user", cookie: cookie).reads == [.sessions: 1])
        #expect(try await cost(app, "GET", "/api/checkin/status", cookie: cookie).reads.isEmpty)
        #expect(try await cost(app, "GET", "/api/user", cookie: cookie).reads.isEmpty)
    }

    @Test func theSimulatedDayStaysWithinTheBriefsBudget() async throws {
        let users = 30
        let app = try await TestApp(vars: Self.memoryOn)
        try await app.stock(users, cents: 1000, prefix: "DAY")
        let paths = [
            "/", "/api/user", "/api/checkin/status", "/api/stats", "/api/codes/recent", "/api/ranking?type=today",
        ]
        var requests = 0
        for index in 0..<users {
            let cookie = try await app.login("day\(index)")
            for step in 0..<20 {
                if step == 6 {
                    _ = try await app.send("POST", "/api/checkin", cookie: cookie)
                } else {
                    _ = try await app.send("GET", paths[step % paths.count], cookie: cookie)
                }
                requests += 1
                app.clock.advance(seconds: 2)  // a visit's pace: the memory level expires within it
            }
            app.clock.advance(seconds: 30)
        }
        let (reads, writes) = totals(app.metrics)
        print("KV budget day: \(users) users, \(requests) requests, \(reads) KV reads, \(writes) KV writes")
        // The brief: one read per request, two writes per user (the session, the day's stats), plus the
        // shared entries (rewards config, rankings as they expire).
        #expect(reads <= requests)
        #expect(writes <= 2 * users + 6)
        #expect(app.metrics.d1Counts(.userStats).executed <= users)  // one stats query per user
    }

    /// The brief's day at a realistic pace (`PacedDay`: 1000 users × 20 requests over 24 simulated
    /// hours, a seventh of them logging in, the crons around the clock) within its budget, against the
    /// same day with every family off. `KYX_PACED_USERS`, `KYX_PACED_VISITS`, `KYX_PACED_VARS`
    /// (`NAME=value,…` on top of the production vars) and `KYX_PACED_REPORT` (a file for the markdown)
    /// are set by `scripts/kyx-loadsim.sh --paced`.
    @Test func thePacedDayStaysWithinTheBriefsBudget() async throws {
        let environment = ProcessInfo.processInfo.environment
        var day = PacedDay()
        if let users = environment["KYX_PACED_USERS"].flatMap(Int.init) { day.users = users }
        if let visits = environment["KYX_PACED_VISITS"].flatMap(Int.init) { day.visits = visits }
        for pair in (environment["KYX_PACED_VARS"] ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { day.vars[parts[0]] = .string(parts[1]) }
        }
        var baseline = day
        baseline.caching = false
        let report = PacedDayReport(day: day, on: try await day.run(), off: try await baseline.run())
        print(report.markdown)
        if let path = environment["KYX_PACED_REPORT"] {
            try report.markdown.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(report.on.errors == 0 && report.off.errors == 0)
        #expect(report.on.checkIns == day.users && report.off.checkIns == day.users)
        #expect(report.on.reads <= PacedDayReport.readsBudget)
        #expect(report.billedWrites <= PacedDayReport.writesBudget)
        for (family, target) in PacedDayReport.reductionTargets {
            #expect(report.reduction(family) >= target, "\(family.rawValue)")
        }
    }

    @Test func theFiveMinuteCronRewritesOnlyWhatChanged() async throws {
        let app = try await TestApp()
        try await app.stock(2, cents: 1000, prefix: "CRON")
        try await app.test.scheduled(cron: "*/5 * * * *")
        let first = totals(app.metrics).writes
        #expect(first == 2)  // today's ranking, the streak ranking; no inventory is made for nobody
        try await app.test.scheduled(cron: "*/5 * * * *")
        #expect(totals(app.metrics).writes == first, "nothing changed: nothing rewritten")
        let user = try await app.login("cron")
        _ = try await app.json("POST", "/api/checkin", cookie: user)
        let beforeRun = totals(app.metrics).writes
        try await app.test.scheduled(cron: "*/5 * * * *")
        #expect(totals(app.metrics).writes == beforeRun + 2, "a check-in changes both rankings")
        #expect(try await app.kv.getJSON("ranking:2026-03-01:today")?[0]?["username"] == "cron")
        // An inventory the admin reads is cached; the cron rewrites it only when D1 differs.
        let admin = try await app.adminLogin()
        _ = try await app.json("GET", "/api/admin/inventory", cookie: admin)
        let cached = totals(app.metrics).writes
        try await app.test.scheduled(cron: "*/5 * * * *")
        #expect(totals(app.metrics).writes == cached, "the cached inventory is current: not rewritten")
        try await app.stock(1, cents: 500, prefix: "SQL")  // straight into D1: nothing invalidated
        try await app.test.scheduled(cron: "*/5 * * * *")
        #expect(totals(app.metrics).writes == cached + 1)
        #expect(try await app.kv.getJSON("code_inventory")?[0]?["amount"] == 5)
    }

    @Test func theMemoryLevelNeverOutlivesALogoutOrAnAdminChange() async throws {
        let app = try await TestApp(vars: Self.memoryOnly)
        try await app.stock(1, cents: 500, prefix: "GIFT")
        let cookie = try await app.login("fresh")
        #expect(try await app.json("GET", "/api/stats", cookie: cookie).body["stats"]?["codeCount"] == 0)
        let admin = try await app.adminLogin()
        let given = try await app.json(
            "POST", "/api/admin/distribute", json: ["type": "selected", "userIds": [1]], cookie: admin)
        #expect(given.body["result"]?["distributed"] == 1)
        #expect(try await app.json("GET", "/api/stats", cookie: cookie).body["stats"]?["codeCount"] == 1)
        _ = try await app.send("POST", "/api/logout", cookie: cookie)
        #expect(try await app.send("GET", "/api/user", cookie: cookie).status == 401)
    }

    /// Two pool processes: each its own worker value (its own memory level) on the same KV and D1.
    @Test func statsRememberedBeforeACheckInByAnotherProcessAreNeverAnsweredAfterIt() async throws {
        let app = try await TestApp(vars: Self.memoryOnly)
        try await app.stock(1, cents: 1000, prefix: "SIBLING")
        let other = KYXWorker(clock: CheckinClock { app.clock.now }, metrics: KYXMetrics(), log: { _ in })
        func stats(_ worker: KYXWorker?, _ cookie: String) async throws -> (source: String?, days: JSONValue?) {
            var headers = Headers()
            headers.set("Host", "kyx.test")
            headers.set("Cookie", cookie)
            let request = Request(url: URL(string: "http://kyx.test/api/stats")!, method: "GET", headers: headers)
            let response: Response
            if let worker {
                let ctx = ExecutionContext()
                response = try await worker.fetch(request, env: app.env, ctx: ctx)
                await ctx.settle()
            } else {
                response = await app.test.fetch(request)
            }
            return (response.headers[CacheSourceHeader.name], try await response.json()["stats"]?["totalDays"])
        }
        let cookie = try await app.login("sibling")
        #expect(try await stats(nil, cookie).source == "d1")
        #expect(try await stats(nil, cookie) == ("memory", 0))
        // The check-in is made by the other process; this one still remembers the stats from before it.
        var headers = Headers()
        headers.set("Host", "kyx.test")
        headers.set("Cookie", cookie)
        let checkIn = Request(url: URL(string: "http://kyx.test/api/checkin")!, method: "POST", headers: headers)
        let ctx = ExecutionContext()
        #expect(try await other.fetch(checkIn, env: app.env, ctx: ctx).status == 200)
        await ctx.settle()
        let after = try await stats(nil, cookie)
        #expect(after.days == 1, "the stats after the check-in, not the remembered ones")
        #expect(after.source == "kv")
    }

    @Test func theLoginWarmsTodaysRankingAndTheStatsComeFromMemoryOnlyAfterKVMisses() async throws {
        let app = try await TestApp(vars: Self.memoryOn)
        try await app.stock(1, cents: 1000, prefix: "WARM")
        let cookie = try await app.login("warm")
        let ranking = try await app.send("GET", "/api/ranking?type=today", cookie: cookie)
        #expect(ranking.headers[CacheSourceHeader.name] == "memory")
        // Not checked in: the stats are read from D1, then answered from memory once KV said it holds
        // none (no check-in has written them since).
        #expect(try await app.send("GET", "/api/stats", cookie: cookie).headers[CacheSourceHeader.name] == "d1")
        #expect(try await app.send("GET", "/api/stats", cookie: cookie).headers[CacheSourceHeader.name] == "memory")
        _ = try await app.send("POST", "/api/checkin", cookie: cookie)
        let after = try await app.send("GET", "/api/stats", cookie: cookie)
        #expect(after.headers[CacheSourceHeader.name] == "memory")
        #expect(try await after.json()["stats"]?["totalDays"] == 1)
        let cold = try await TestApp(vars: Self.memoryOnly)
        let coldCookie = try await cold.login("cold")
        #expect(
            try await cold.send("GET", "/api/ranking?type=today", cookie: coldCookie).headers[CacheSourceHeader.name]
                == "d1")
    }

}

/// The header naming the level that answered a cached read.
enum CacheSourceHeader {
    static let name = "X-KYX-Cache"
}
