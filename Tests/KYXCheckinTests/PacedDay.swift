import Foundation
import KYXCheckin
import Outpost
import OutpostTestSupport
import OutpostTesting

/// The brief's day (checkin-app.md §6: 1000 daily users × 20 requests) at a realistic pace, run through
/// the worker's own `fetch` and `scheduled` on a simulated clock that KV expiry, the memory level and
/// the crons all read — so a day of 24 hours takes a few seconds and every entry expires as it would.
///
/// The model, from the brief: sessions last 7 days (§2), so a daily user logs in once a week — on the
/// measured day one user in seven logs in (their week-old session has just ended) and the others come
/// back with the session of an earlier day. Each user arrives at their usual time of day (half between
/// 07:00 and 10:00, the rest until midnight, UTC+8), checked in yesterday (a streak to continue), and
/// makes their 20 requests in the home page's order (page loads, the check-in, ranking tabs, reloads)
/// in `visits` sittings: a page load's requests a quarter second apart, the check-in clicked 2–20 s
/// after the page loaded (one user in seven: 20–120 s), 8–60 s of reading between other clicks, later
/// sittings 1–4 h after the previous one. An admin looks at the dashboard 20 times a
/// day. The crons run every 5 minutes and every hour around the clock. The previous week (logins,
/// yesterday's check-ins and crons) runs first and is not counted.
struct PacedDay {
    /// Daily users.
    var users = 1000
    /// Requests per user after login.
    var requestsPerUser = 20
    /// Sittings a user's requests are spread over (1: one visit of a few minutes).
    var visits = 1
    /// Whether the cache families are on (off: the D1 baseline).
    var caching = true
    /// Vars set on top of the production defaults (e.g. `CACHE_USER_STATS_TTL`).
    var vars: [String: JSONValue] = [:]
    /// Seeds the arrival times and the request mix.
    var seed: UInt64 = 18

    /// The measured day's figures.
    struct Figures {
        var requests = 0
        var logins = 0
        var adminVisits = 0
        var cronRuns = 0
        var errors = 0
        var checkIns = 0
        var kv: [CacheFamily: (reads: Int, writes: Int, deletes: Int)] = [:]
        var d1: [CacheFamily: Int] = [:]

        var reads: Int { kv.values.reduce(0) { $0 + $1.reads } }
        var writes: Int { kv.values.reduce(0) { $0 + $1.writes } }
        var deletes: Int { kv.values.reduce(0) { $0 + $1.deletes } }
    }

    /// 2026-03-01 00:00 in UTC+8: the measured day.
    static let dayStart: Double = 1_772_294_400

    /// The production defaults: each family's memory level and the login warm-up on.
    static let productionVars: [String: JSONValue] = [
        "WARM_AT_LOGIN": "true", "CACHE_SESSIONS_MEMORY_TTL": "10", "CACHE_USER_STATS_MEMORY_TTL": "30",
        "CACHE_CONFIG_MEMORY_TTL": "60", "CACHE_RANKINGS_MEMORY_TTL": "60",
    ]

    private enum Action {
        case login(user: Int)
        case request(user: Int, method: String, path: String)
        case adminLogin
        case admin(path: String)
        case cron(String)
    }

    private struct Event {
        let time: Double
        let order: Int
        let action: Action
    }

    /// Runs the week before, then the measured day; answers the day's figures.
    func run() async throws -> Figures {
        var vars = Self.productionVars.merging(self.vars) { $1 }
        if !caching {
            for family in CacheFamily.allCases { vars["CACHE_\(family.rawValue.uppercased())_ENABLED"] = "false" }
        }
        let app = try await TestApp(
            vars: vars, clock: TestApp.clock(at: Date(timeIntervalSince1970: Self.dayStart - 8 * 86_400)))
        try await app.stock(users * 2 + 50, cents: 1000, prefix: "PACED")
        var rng = SplitMix64(seed: seed)
        let usual = (0..<users).map { _ in Self.usualTime(&rng) }
        var cookies: [Int: String] = [:]
        var admin = ""
        var figures = Figures()
        _ = try await play(week(usual: usual, rng: &rng), app: app, cookies: &cookies, admin: &admin, figures: &figures)
        let before = Self.snapshot(app.metrics)
        figures = Figures()
        try await play(day(usual: usual, rng: &rng), app: app, cookies: &cookies, admin: &admin, figures: &figures)
        let after = Self.snapshot(app.metrics)
        for family in CacheFamily.allCases {
            let (b, a) = (before.kv[family]!, after.kv[family]!)
            figures.kv[family] = (a.reads - b.reads, a.writes - b.writes, a.deletes - b.deletes)
            figures.d1[family] = after.d1[family]! - before.d1[family]!
        }
        return figures
    }

    /// A user's usual time of day in seconds after midnight: half of them 07:00–10:00, the rest until 23:30.
    private static func usualTime(_ rng: inout SplitMix64) -> Double {
        rng.unit() < 0.5 ? 7 * 3600 + rng.unit() * 3 * 3600 : 10 * 3600 + rng.unit() * 13.5 * 3600
    }

    /// The week before: each user's login on the day of their session (one user in seven a day, the
    /// first seventh a week ago, so their session ends on the measured day), the first read of that
    /// visit a minute later, and everyone's check-in yesterday with the crons of yesterday.
    private func week(usual: [Double], rng: inout SplitMix64) -> [Event] {
        var events: [Event] = []
        for user in 0..<users {
            let daysAgo = user % 7 == 0 ? 7 : user % 7
            let login = Self.dayStart - Double(daysAgo) * 86_400 + usual[user]
            events.append(Event(time: login, order: 1, action: .login(user: user)))
            events.append(
                Event(time: login + 60, order: 1, action: .request(user: user, method: "GET", path: "/api/user")))
            let yesterday = Self.dayStart - 86_400 + usual[user] + 120
            events.append(
                Event(time: yesterday, order: 1, action: .request(user: user, method: "POST", path: "/api/checkin")))
        }
        events += Self.crons(from: Self.dayStart - 86_400)
        return events
    }

    /// The measured day: each user's sittings, the admin's visits and the crons.
    private func day(usual: [Double], rng: inout SplitMix64) -> [Event] {
        var events = Self.crons(from: Self.dayStart)
        let end = Self.dayStart + 86_400 - 60
        for user in 0..<users {
            // A session of a week ago has ended by the user's usual time: they log in again.
            var time = Self.dayStart + usual[user] + rng.unit() * 1_800
            if user % 7 == 0 { events.append(Event(time: time, order: 1, action: .login(user: user))) }
            time += 1
            let sittings = Self.sittings(Self.plan(&rng, count: requestsPerUser), visits: visits)
            for (index, sitting) in sittings.enumerated() {
                if index > 0 { time = min(time + 3_600 + rng.unit() * 3 * 3_600, end) }
                for (number, block) in sitting.enumerated() {
                    for (method, path) in block {
                        events.append(
                            Event(time: time, order: 1, action: .request(user: user, method: method, path: path)))
                        time += 0.25
                    }
                    let checkInNext = number + 1 < sitting.count && sitting[number + 1].first?.1 == "/api/checkin"
                    time += checkInNext ? Self.checkInDelay(&rng) : 8 + rng.unit() * 52
                }
            }
        }
        events.append(Event(time: Self.dayStart + 7.5 * 3_600, order: 1, action: .adminLogin))
        for visit in 0..<20 {
            let start = Self.dayStart + 8 * 3_600 + Double(visit) * 42 * 60
            for (index, path) in Self.adminVisit.enumerated() {
                events.append(Event(time: start + Double(index) * 2, order: 1, action: .admin(path: path)))
            }
        }
        return events
    }

    /// Seconds from the page load to the check-in click, the page's main button: 2–20 s for most users,
    /// 20–120 s for one in seven (reading first, another tab).
    private static func checkInDelay(_ rng: inout SplitMix64) -> Double {
        rng.unit() < 6.0 / 7 ? 2 + rng.unit() * 18 : 20 + rng.unit() * 100
    }

    /// Every cron of the 24 hours from `start`: `*/5` at each 5-minute mark, the hourly one on the hour.
    private static func crons(from start: Double) -> [Event] {
        stride(from: 0, to: 86_400, by: 300).flatMap { offset -> [Event] in
            let five = Event(time: start + offset, order: 0, action: .cron("*/5 * * * *"))
            guard Int(offset) % 3_600 == 0 else { return [five] }
            return [five, Event(time: start + offset, order: 0, action: .cron("0 * * * *"))]
        }
    }

    /// Runs `events` in time order; counts requests, logins, errors and check-ins into `figures`.
    @discardableResult
    private func play(
        _ events: [Event], app: TestApp, cookies: inout [Int: String], admin: inout String, figures: inout Figures
    ) async throws -> Figures {
        let ordered = events.enumerated().sorted { a, b in
            (a.element.time, a.element.order, a.offset) < (b.element.time, b.element.order, b.offset)
        }
        for (_, event) in ordered {
            app.clock.advance(to: Date(timeIntervalSince1970: event.time))
            switch event.action {
            case .login(let user):
                cookies[user] = try await app.login("paced\(user)")
                figures.logins += 1
            case .request(let user, let method, let path):
                let response = try await app.send(method, path, cookie: cookies[user])
                figures.requests += 1
                if response.status >= 400 { figures.errors += 1 }
                if method == "POST", response.status == 200 { figures.checkIns += 1 }
            case .adminLogin:
                admin = try await app.adminLogin()
            case .admin(let path):
                let response = try await app.send("GET", path, cookie: admin)
                if path == Self.adminVisit[0] { figures.adminVisits += 1 }
                if response.status >= 400 { figures.errors += 1 }
            case .cron(let cron):
                try await app.test.scheduled(cron: cron)
                figures.cronRuns += 1
            }
        }
        return figures
    }

    private static func snapshot(_ metrics: KYXMetrics) -> (
        kv: [CacheFamily: (reads: Int, writes: Int, deletes: Int)], d1: [CacheFamily: Int]
    ) {
        var kv: [CacheFamily: (reads: Int, writes: Int, deletes: Int)] = [:]
        var d1: [CacheFamily: Int] = [:]
        for family in CacheFamily.allCases {
            kv[family] = metrics.kvCounts(family)
            d1[family] = metrics.d1Counts(family).executed
        }
        return (kv, d1)
    }

    private typealias Block = [(String, String)]

    private static let pageLoad: Block = [
        ("GET", "/"), ("GET", "/api/user"), ("GET", "/api/checkin/status"), ("GET", "/api/stats"),
        ("GET", "/api/codes/recent?limit=5&page=1"), ("GET", "/api/ranking?type=today"),
    ]
    private static let checkIn: Block = [
        ("POST", "/api/checkin"), ("GET", "/api/stats"), ("GET", "/api/codes/recent?limit=5&page=1"),
    ]
    private static let adminVisit = [
        "/admin", "/api/admin/stats", "/api/admin/charts", "/api/admin/codes?page=1&limit=20",
        "/api/admin/inventory", "/api/admin/metrics",
    ]

    /// The home page's order, as scripts/kyx_loadsim.py's `user_plan`: a page load, the check-in, often
    /// the streak tab, then reloads, tab clicks and stats refreshes; cut to `count` requests (never
    /// before the check-in). Each block is one user action.
    private static func plan(_ rng: inout SplitMix64, count: Int) -> [Block] {
        var blocks = [pageLoad, checkIn]
        if rng.unit() < 0.6 { blocks.append([("GET", "/api/ranking?type=streak")]) }
        while blocks.reduce(0, { $0 + $1.count }) < count {
            let roll = rng.unit()
            if roll < 0.55 {
                blocks.append(pageLoad)
            } else if roll < 0.75 {
                blocks.append([("GET", "/api/ranking?type=streak")])
            } else if roll < 0.85 {
                blocks.append([("GET", "/api/ranking?type=today")])
            } else if roll < 0.95 {
                blocks.append([("GET", "/api/stats")])
            } else {
                blocks.append([("GET", "/api/checkin/status")])
            }
        }
        var left = max(count, pageLoad.count + 1)
        var cut: [Block] = []
        for block in blocks where left > 0 {
            cut.append(Array(block.prefix(left)))
            left -= block.count
        }
        return cut
    }

    /// Splits a user's blocks into `visits` sittings: the first up to the action after the check-in,
    /// the rest in equal parts, each later sitting starting with its page load when it has one.
    private static func sittings(_ blocks: [Block], visits: Int) -> [[Block]] {
        guard visits > 1, blocks.count > 3 else { return [blocks] }
        let first = Array(blocks.prefix(3))
        let rest = Array(blocks.dropFirst(3))
        let per = max(1, (rest.count + visits - 2) / (visits - 1))
        return [first] + stride(from: 0, to: rest.count, by: per).map { Array(rest[$0..<min($0 + per, rest.count)]) }
    }
}
