import Foundation
import KYXCheckin
import Outpost
import OutpostTesting
import Testing

@Suite("KV cache layer")
struct CacheTests {
    @Test func userStatsHitAfterMissAndUpdatedByCheckIn() async throws {
        let app = try await TestApp()
        let cookie = try await app.login("alice")
        _ = try await app.json("GET", "/api/stats", cookie: cookie)
        #expect(app.metrics.counts(.userStats).misses == 1)
        // Before today's check-in the stats are about to change: not written to KV yet.
        #expect(try await app.kv.get("user_stats:1") == nil)
        _ = try await app.json("POST", "/api/checkin", cookie: cookie)
        #expect(try await app.kv.get("user_stats:1") != nil)
        let stats = try await app.json("GET", "/api/stats", cookie: cookie).body
        #expect(app.metrics.counts(.userStats).hits == 1)
        #expect(stats["stats"]?["totalDays"] == 1)
        #expect(stats["stats"]?["pendingCount"] == 1)
    }

    /// The memory level on (the production default), without the login warm-up.
    private static let memoryOn: [String: JSONValue] = ["CACHE_USER_STATS_MEMORY_TTL": "30", "WARM_AT_LOGIN": "false"]

    @Test func aCheckInMinutesAfterTheStatsReadBuildsOnThemWithoutD1() async throws {
        let app = try await TestApp(vars: Self.memoryOn)
        try await app.stock(1, cents: 1000, prefix: "BASE")
        let cookie = try await app.login("slow")
        _ = try await app.json("GET", "/api/stats", cookie: cookie)
        app.clock.advance(seconds: 300)  // reading the page for five minutes before clicking
        let checkIn = try await app.json("POST", "/api/checkin", cookie: cookie).body
        #expect(checkIn["stats"]?["totalDays"] == 1)
        #expect(checkIn["stats"]?["totalAmount"] == "10.00")
        #expect(app.metrics.d1Counts(.userStats).executed == 1)  // the read before; the check-in built on it
    }

    @Test func aDistributionElsewhereBetweenTheStatsReadAndTheCheckInIsNotLost() async throws {
        let app = try await TestApp(vars: Self.memoryOn)
        try await app.stock(2, cents: 1000, prefix: "ELSE")
        let cookie = try await app.login("elsewhere")
        _ = try await app.json("GET", "/api/stats", cookie: cookie)
        // Another worker process distributes a code: its KV delete never reaches this process's memory.
        _ = try await app.db.prepare(
            """
            UPDATE redemption_codes SET is_distributed = 1, distributed_to = 1, distributed_at = ?,
              distribution_type = 'batch' WHERE code = 'ELSE0001'
            """
        ).bind("2026-03-01T01:00:00Z").run()
        _ = try await app.db.prepare("UPDATE users SET total_amount_cents = total_amount_cents + 1000 WHERE id = 1")
            .run()
        let checkIn = try await app.json("POST", "/api/checkin", cookie: cookie).body
        #expect(checkIn["stats"]?["codeCount"] == 2)
        #expect(checkIn["stats"]?["totalAmount"] == "20.00")
        #expect(app.metrics.d1Counts(.userStats).executed == 2)  // the base failed D1's total: reloaded
    }

    @Test func kvReadsWritesAndDeletesAreCounted() async throws {
        let app = try await TestApp()
        try await app.stock(1, cents: 1000, prefix: "KVC")
        let cookie = try await app.login("kvcount")
        #expect(app.metrics.kvCounts(.sessions).writes == 1)
        _ = try await app.json("GET", "/api/stats", cookie: cookie)
        #expect(app.metrics.kvCounts(.sessions).reads == 1)
        #expect(app.metrics.kvCounts(.userStats).reads == 1)
        #expect(app.metrics.kvCounts(.userStats).writes == 0)  // not checked in today: D1 only
        _ = try await app.json("POST", "/api/checkin", cookie: cookie)
        #expect(app.metrics.kvCounts(.userStats).reads == 2)  // looked up, then written once for the change
        #expect(app.metrics.kvCounts(.userStats).writes == 1)
        // No inventory cached: the claim checks (a read) and deletes nothing (a delete is billed as a write).
        #expect(app.metrics.kvCounts(.inventory).reads == 1)
        #expect(app.metrics.kvCounts(.inventory).deletes == 0)
        let admin = try await app.adminLogin()
        _ = try await app.json("GET", "/api/admin/inventory", cookie: admin)
        let again = try await app.login("kvcount2")
        try await app.stock(1, cents: 1000, prefix: "KVD")
        _ = try await app.json("POST", "/api/checkin", cookie: again)
        #expect(app.metrics.kvCounts(.inventory).deletes == 1)  // cached: dropped by the claim
        #expect(try await app.kv.get("code_inventory") == nil)
        let off = try await TestApp(vars: ["CACHE_USER_STATS_ENABLED": "false"])
        let other = try await off.login("kvoff")
        _ = try await off.json("GET", "/api/stats", cookie: other)
        #expect(off.metrics.kvCounts(.userStats).reads == 0)
        #expect(off.metrics.kvCounts(.userStats).writes == 0)
    }

    @Test func userStatsExpireAfterTheirTTL() async throws {
        let app = try await TestApp(vars: ["CACHE_USER_STATS_TTL": "120"])
        let cookie = try await app.login("bob")
        _ = try await app.json("POST", "/api/checkin", cookie: cookie)
        #expect(try await app.kv.get("user_stats:1") != nil)
        app.clock.advance(seconds: 121)
        #expect(try await app.kv.get("user_stats:1") == nil)
    }

    @Test func sessionsAreCachedAndRecheckedForExpiry() async throws {
        let app = try await TestApp()
        let cookie = try await app.login("carol")
        let id = TestApp.storedSessionID(cookie)
        #expect(try await app.kv.getJSON("session:" + id)?["ownerId"] == 1)
        _ = try await app.json("GET", "/api/user", cookie: cookie)
        #expect(app.metrics.counts(.sessions).hits == 1)
        app.clock.advance(days: 8)
        let expired = try await app.json("GET", "/api/user", cookie: cookie)
        #expect(expired.status == 401)
    }

    @Test func logoutInvalidatesTheSessionInKV() async throws {
        let app = try await TestApp()
        let cookie = try await app.login("dave")
        let id = TestApp.storedSessionID(cookie)
        let response = try await app.send("POST", "/api/logout", cookie: cookie)
        #expect(response.status == 302)
        #expect(try await app.kv.get("session:" + id) == nil)
        #expect(try await app.json("GET", "/api/user", cookie: cookie).status == 401)
    }

    @Test func rewardsConfigIsCached() async throws {
        let app = try await TestApp()
        let cookie = try await app.login("erin")
        _ = try await app.json("POST", "/api/checkin", cookie: cookie)
        #expect(try await app.kv.getJSON("checkin_rewards")?.arrayValue?.count == 5)
        let other = try await app.login("frank")
        _ = try await app.json("POST", "/api/checkin", cookie: other)
        #expect(app.metrics.counts(.config).hits == 1)
    }

    @Test func familySwitchTurnsCachingOff() async throws {
        let app = try await TestApp(vars: ["CACHE_USER_STATS_ENABLED": "false"])
        let cookie = try await app.login("gina")
        _ = try await app.json("GET", "/api/stats", cookie: cookie)
        #expect(try await app.kv.get("user_stats:1") == nil)
        #expect(app.metrics.counts(.userStats).misses == 0)
    }

    @Test func everyUserEndpointAnswersFromD1WhenKVFails() async throws {
        let app = try await TestApp(kvStorage: FailingKVStorage())
        try await app.stock(1, cents: 1000, prefix: "SAFE")
        let cookie = try await app.login("harry")
        #expect(try await app.json("GET", "/api/user", cookie: cookie).body["user"]?["username"] == "harry")
        let checkIn = try await app.json("POST", "/api/checkin", cookie: cookie)
        #expect(checkIn.body["redemptionCode"] == "SAFE0000")
        #expect(try await app.json("GET", "/api/checkin/status", cookie: cookie).body["checkedIn"] == true)
        #expect(try await app.json("GET", "/api/stats", cookie: cookie).body["stats"]?["totalDays"] == 1)
        let codes = try await app.json("GET", "/api/codes/recent", cookie: cookie).body
        #expect(codes["codes"]?[0]?["code"] == "SAFE0000")
        let ranking = try await app.json("GET", "/api/ranking?type=today", cookie: cookie).body
        #expect(ranking["ranking"]?[0]?["username"] == "harry")
        let streak = try await app.json("GET", "/api/ranking?type=streak", cookie: cookie).body
        #expect(streak["ranking"]?[0]?["streak"] == 1)
        let modal = try await app.json("GET", "/api/modal/check?type=checkin&key=SAFE0000", cookie: cookie)
        #expect(modal.body["should_display"] == true)
        #expect(app.metrics.counts(.sessions).errors > 0)
        #expect(try await app.send("POST", "/api/logout", cookie: cookie).status == 302)
    }

    @Test func adminBackOfficeWorksWhenKVFails() async throws {
        let app = try await TestApp(kvStorage: FailingKVStorage())
        let admin = try await app.adminLogin()
        #expect(try await app.json("GET", "/api/admin/stats", cookie: admin).body["success"] == true)
        let imported = try await app.importCodes("KVDOWN01 KVDOWN02", amount: "10", cookie: admin)
        #expect(imported.body["result"]?["validCodes"] == 2)
        #expect(
            try await app.json("GET", "/api/admin/inventory", cookie: admin).body["inventory"]?[0]?["available"] == 2)
        #expect(try await app.json("POST", "/api/admin/cache/warmup", cookie: admin).body["success"] == true)
        let metrics = try await app.json("GET", "/api/admin/metrics", cookie: admin).body["metrics"]
        #expect((metrics?["cache"]?["sessions"]?["errors"]?.intValue ?? 0) > 0)
    }

    @Test func unknownRoutesAnswer404InEachShape() async throws {
        let app = try await TestApp()
        let user = try await app.send("GET", "/api/nope")
        #expect(user.status == 404)
        #expect(try await user.text() == "Not Found")
        let admin = try await app.adminLogin()
        let adminMissing = try await app.json("GET", "/api/admin/nope", cookie: admin)
        #expect(adminMissing.status == 404)
        #expect(adminMissing.body["message"] == "页面未找到")
    }
}
