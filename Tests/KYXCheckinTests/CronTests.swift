import Foundation
import KYXCheckin
import Outpost
import Testing

@Suite("Crons")
struct CronTests {
    @Test func fiveMinuteCronWritesRankingsAndInventory() async throws {
        let app = try TestApp()
        try await app.stock(2, cents: 1000, prefix: "CRON")
        let user = try await app.login("cron")
        _ = try await app.json("POST", "/api/checkin", cookie: user)
        let controller = ScheduledController(
            cron: "*/5 * * * *", scheduledTime: app.clock.now.timeIntervalSince1970 * 1_000)
        try await app.worker.scheduled(controller, env: app.env, ctx: ExecutionContext())
        #expect(try await app.kv.getJSON("ranking:2026-03-01:today")?[0]?["username"] == "cron")
        #expect(try await app.kv.getJSON("ranking:streak")?[0]?["streak"] == 1)
        #expect(try await app.kv.getJSON("code_inventory")?[0]?["available"] == 1)
    }

    @Test func hourlyCronPurgesExpiredSessionsAndWarmsConfig() async throws {
        let app = try TestApp()
        _ = try await app.login("old")
        app.clock.advance(days: 8)
        _ = try await app.login("new")
        let controller = ScheduledController(
            cron: "0 * * * *", scheduledTime: app.clock.now.timeIntervalSince1970 * 1_000)
        try await app.worker.scheduled(controller, env: app.env, ctx: ExecutionContext())
        #expect(try await app.count("SELECT COUNT(*) FROM sessions") == 1)
        #expect(try await app.kv.getJSON("checkin_rewards")?.arrayValue?.count == 5)
    }
}
