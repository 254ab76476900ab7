import Foundation
import KYXCheckin
import Outpost
import OutpostTesting
import Testing

@Suite("KV cache TTLs and invalidation")
struct CacheTTLTests {
    /// Seconds from now until `key` expires, from the KV listing.
    private func ttl(_ app: TestApp, _ key: String) async throws -> Int? {
        let listed = try await app.kv.list(prefix: key)
        guard let entry = listed.keys.first(where: { $0.name == key }), let expiration = entry.expiration else {
            return nil
        }
        return expiration - Int(app.clock.now.timeIntervalSince1970)
    }

    @Test func everyFamilyUsesItsTTLVar() async throws {
        let app = try await TestApp(vars: [
            "CACHE_USER_STATS_TTL": "600", "CACHE_CONFIG_TTL": "700", "CACHE_RANKINGS_TTL": "800",
            "CACHE_INVENTORY_TTL": "900", "CACHE_GENERAL_TTL": "120",
        ])
        let cookie = try await app.login("ttl")
        let admin = try await app.adminLogin()
        _ = try await app.json("GET", "/api/stats", cookie: cookie)
        _ = try await app.json("POST", "/api/checkin", cookie: cookie)
        _ = try await app.json("GET", "/api/ranking?type=streak", cookie: cookie)
        _ = try await app.json("GET", "/api/admin/inventory", cookie: admin)
        _ = try await app.json("GET", "/api/admin/stats", cookie: admin)
        let session = TestApp.storedSessionID(cookie)
        #expect(try await ttl(app, "session:" + session) == 7 * 86_400)
        #expect(try await ttl(app, "user_stats:1") == 600)
        #expect(try await ttl(app, "checkin_rewards") == 700)
        #expect(try await ttl(app, "ranking:streak") == 800)
        #expect(try await ttl(app, "code_inventory") == 900)
        #expect(try await ttl(app, "cache:admin_stats") == 120)
    }

    @Test func todaysStatsNeverOutliveTheCheckInDay() async throws {
        // 2026-03-01T15:30:00Z is 23:30 in UTC+8: half an hour of the day left.
        let app = try await TestApp(
            vars: ["CACHE_USER_STATS_TTL": "86400"],
            clock: TestApp.clock(at: Date(timeIntervalSince1970: 1_772_379_000)))
        let cookie = try await app.login("late")
        _ = try await app.json("POST", "/api/checkin", cookie: cookie)
        #expect(try await ttl(app, "user_stats:1") == 1_800)
        app.clock.advance(seconds: 1_801)
        let stats = try await app.json("GET", "/api/stats", cookie: cookie)
        #expect(stats.body["stats"]?["totalDays"] == 1)
        #expect(app.metrics.d1Counts(.userStats).executed == 2)  // the new day's read went to D1
    }

    @Test func inventoryIsInvalidatedByEveryInventoryChange() async throws {
        let app = try await TestApp()
        let admin = try await app.adminLogin()
        func warm() async throws {
            _ = try await app.json("GET", "/api/admin/inventory", cookie: admin)
            #expect(try await app.kv.get("code_inventory") != nil)
        }
        try await warm()
        _ = try await app.importCodes("IMPORT01 IMPORT02 IMPORT03", amount: "10", cookie: admin)
        #expect(try await app.kv.get("code_inventory") == nil)
        try await warm()
        _ = try await app.json("POST", "/api/admin/codes/generate", json: ["count": 1, "amount": 5], cookie: admin)
        #expect(try await app.kv.get("code_inventory") == nil)
        try await warm()
        let user = try await app.login("inv")
        _ = try await app.json("POST", "/api/checkin", cookie: user)
        #expect(try await app.kv.get("code_inventory") == nil)
        try await warm()
        _ = try await app.json("POST", "/api/admin/distribute", json: ["type": "all"], cookie: admin)
        #expect(try await app.kv.get("code_inventory") == nil)
        let inventory = try await app.json("GET", "/api/admin/inventory", cookie: admin).body["inventory"]
        #expect(inventory?[1]?["available"] == 1)
        #expect(inventory?[1]?["distributed"] == 2)
    }
}
