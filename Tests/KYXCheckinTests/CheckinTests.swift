import Foundation
import Outpost
import OutpostTesting
import Testing

@Suite("Check-in")
struct CheckinTests {
    @Test func checkInHandsOutSmallestCodeCoveringRewardOldestFirst() async throws {
        let app = try await TestApp()
        try await app.stock(1, cents: 500, prefix: "SMALL")
        try await app.stock(1, cents: 5000, prefix: "BIGNEW", createdAt: "2026-02-01T00:00:00Z")
        try await app.stock(1, cents: 2000, prefix: "MIDNEW", createdAt: "2026-02-01T00:00:00Z")
        try await app.stock(1, cents: 2000, prefix: "MIDOLD", createdAt: "2026-01-01T00:00:00Z")
        let cookie = try await app.login("alice")
        let (status, body) = try await app.json("POST", "/api/checkin", cookie: cookie)
        #expect(status == 200)
        #expect(body["success"] == true)
        #expect(body["status"] == "completed")
        #expect(body["redemptionCode"] == "MIDOLD0000")
        #expect(body["amount"] == 10)
        #expect(body["baseAmount"] == 10)
        #expect(body["bonusAmount"] == 0)
        #expect(body["codeAmount"] == 20)
        #expect(body["consecutiveDays"] == 1)
        #expect(body["stats"]?["totalDays"] == 1)
        #expect(body["stats"]?["totalAmount"] == "20.00")
    }

    @Test func secondCheckInSameDayIsRefused() async throws {
        let app = try await TestApp()
        try await app.stock(2, cents: 1000, prefix: "CODE")
        let cookie = try await app.login("bob")
        _ = try await app.json("POST", "/api/checkin", cookie: cookie)
        let (status, body) = try await app.json("POST", "/api/checkin", cookie: cookie)
        #expect(status == 200)
        #expect(body["success"] == false)
        #expect(body["message"] == "今日已签到")
        #expect(body["code"] == "CODE0000")
        #expect(try await app.count("SELECT COUNT(*) FROM check_ins") == 1)
    }

    @Test func emptyInventoryGivesPendingDistribution() async throws {
        let app = try await TestApp()
        let cookie = try await app.login("carol")
        let (status, body) = try await app.json("POST", "/api/checkin", cookie: cookie)
        #expect(status == 200)
        #expect(body["success"] == true)
        #expect(body["status"] == "pending_distribution")
        #expect(body["message"] == "签到成功！兑换码待管理员分配")
        #expect(body["reward"]?["totalAmount"] == 10)
        let status2 = try await app.json("GET", "/api/checkin/status", cookie: cookie)
        #expect(status2.body["checkedIn"] == true)
        #expect(status2.body["checkIn"]?["status"] == "pending_distribution")
    }

    @Test func unauthenticatedIsRefused() async throws {
        let app = try await TestApp()
        let missing = try await app.json("POST", "/api/checkin")
        #expect(missing.status == 401)
        #expect(missing.body["error"] == "未登录")
        let invalid = try await app.json("GET", "/api/user", cookie: "session=nope")
        #expect(invalid.status == 401)
        #expect(invalid.body["error"] == "会话无效")
    }

    @Test func crossSiteCheckInIsRefused() async throws {
        let app = try await TestApp()
        let cookie = try await app.login("dave")
        let foreign = try await app.json(
            "POST", "/api/checkin", cookie: cookie, headers: [("Origin", "https://evil.example")])
        #expect(foreign.status == 403)
        let site = try await app.json(
            "POST", "/api/checkin", cookie: cookie, headers: [("Sec-Fetch-Site", "cross-site")])
        #expect(site.status == 403)
        let same = try await app.json(
            "POST", "/api/checkin", cookie: cookie,
            headers: [("Origin", "http://kyx.test"), ("Sec-Fetch-Site", "same-origin")])
        #expect(same.status == 200)
    }

    @Test func streakContinuesOverOneMissedDayAndResetsAfterTwo() async throws {
        let app = try await TestApp()
        let cookie = try await app.login("erin")
        var streaks: [Int] = []
        // Days: 1, 2, (skip), 4, (skip, skip), 7
        for gap in [0, 1, 2, 3] {
            app.clock.advance(days: gap)
            let body = try await app.json("POST", "/api/checkin", cookie: cookie).body
            streaks.append(body["reward"]?["consecutiveDays"]?.intValue ?? -1)
        }
        #expect(streaks == [1, 2, 3, 1])
    }

    @Test func dayBoundaryIsUTCPlus8() async throws {
        // 2026-03-01T15:59:00Z is 23:59 on 03-01 in UTC+8; 16:00Z is 00:00 on 03-02.
        let clock = TestApp.clock(at: Date(timeIntervalSince1970: 1_772_380_740))
        let app = try await TestApp(clock: clock)
        let cookie = try await app.login("frank")
        let first = try await app.json("POST", "/api/checkin", cookie: cookie).body
        #expect(first["success"] == true)
        clock.advance(seconds: 60)
        let second = try await app.json("POST", "/api/checkin", cookie: cookie).body
        #expect(second["success"] == true)
        #expect(second["reward"]?["consecutiveDays"] == 2)
        let dates = try await app.db.prepare("SELECT check_in_date FROM check_ins ORDER BY id").raw()
        #expect(dates == [["2026-03-01"], ["2026-03-02"]])
    }

    @Test func milestoneBonusIsPaidOnItsDay() async throws {
        let app = try await TestApp()
        let cookie = try await app.login("grace")
        var amounts: [Double] = []
        for day in 0..<6 {
            if day > 0 { app.clock.advance(days: 1) }
            let body = try await app.json("POST", "/api/checkin", cookie: cookie).body
            amounts.append(body["reward"]?["totalAmount"]?.numberValue ?? -1)
        }
        #expect(amounts == [10, 10, 10, 10, 110, 10])
    }

    @Test func concurrentCheckInsNeverShareACode() async throws {
        let app = try await TestApp()
        try await app.stock(100, cents: 1000, prefix: "RACE")
        var cookies: [String] = []
        for index in 0..<200 { cookies.append(try await app.login("user\(index)")) }
        let statuses = try await withThrowingTaskGroup(of: String.self) { group in
            for cookie in cookies {
                group.addTask {
                    let body = try await app.json("POST", "/api/checkin", cookie: cookie).body
                    guard body["success"] == true else { return body["checkedIn"] == true ? "already" : "error" }
                    return body["status"]?.stringValue ?? "error"
                }
                group.addTask {
                    let body = try await app.json("POST", "/api/checkin", cookie: cookie).body
                    guard body["success"] == true else { return body["checkedIn"] == true ? "already" : "error" }
                    return body["status"]?.stringValue ?? "error"
                }
            }
            var all: [String] = []
            for try await status in group { all.append(status) }
            return all
        }
        #expect(statuses.filter { $0 == "completed" }.count == 100)
        #expect(statuses.filter { $0 == "pending_distribution" }.count == 100)
        #expect(statuses.filter { $0 == "already" }.count == 200)
        #expect(try await app.count("SELECT COUNT(*) FROM check_ins") == 200)
        #expect(try await app.count("SELECT COUNT(*) FROM check_ins WHERE status = 'completed'") == 100)
        #expect(try await app.count("SELECT COUNT(*) FROM redemption_codes WHERE is_distributed = 1") == 100)
        #expect(try await app.count("SELECT COUNT(DISTINCT redemption_code) FROM check_ins") == 100)
        #expect(try await app.count("SELECT COUNT(DISTINCT distributed_to) FROM redemption_codes") == 100)
        #expect(try await app.count("SELECT MAX(total_checkins) FROM users") == 1)
    }
}
