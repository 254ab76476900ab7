import Foundation
import KYXCheckin
import Outpost
import OutpostTesting
import Testing

@Suite("Crons")
struct CronTests {
    @Test func fiveMinuteCronWritesRankingsAndRefreshesACachedInventory() async throws {
        let app = try await TestApp()
        try await app.stock(2, cents: 1000, prefix: "CRON")
        let user = try await app.login("cron")
        _ = try await app.json("POST", "/api/checkin", cookie: user)
        try await app.test.scheduled(cron: "*/5 * * * *")
        #expect(try await app.kv.getJSON("ranking:2026-03-01:today")?[0]?["username"] == "cron")
        #expect(try await app.kv.getJSON("ranking:streak")?[0]?["streak"] == 1)
        // Only admins read the inventory: the cron keeps a cached copy current and makes none.
        #expect(try await app.kv.get("code_inventory") == nil)
        let admin = try await app.adminLogin()
        _ = try await app.json("GET", "/api/admin/inventory", cookie: admin)
        try await app.stock(1, cents: 1000, prefix: "MORE")  // straight into D1: nothing invalidated
        try await app.test.scheduled(cron: "*/5 * * * *")
        #expect(try await app.kv.getJSON("code_inventory")?[0]?["available"] == 2)
    }

    @Test func hourlyCronPurgesExpiredSessionsAndWarmsConfig() async throws {
        let app = try await TestApp()
        _ = try await app.login("old")
        app.clock.advance(days: 8)
        _ = try await app.login("new")
        try await app.test.scheduled(cron: "0 * * * *")
        #expect(try await app.count("SELECT COUNT(*) FROM sessions") == 1)
        #expect(try await app.kv.getJSON("checkin_rewards")?.arrayValue?.count == 5)
    }
}
