import Foundation
import Outpost
import OutpostTesting
import Testing

@testable import KYXCheckin

@Suite("Admin")
struct AdminTests {
    @Test func passwordHashesVerifyAndRefuse() throws {
        let hash = try PasswordHasher(iterations: 1_000).hash("s3cret")
        #expect(hash.hasPrefix("pbkdf2_sha256$1000$"))
        #expect(PasswordHasher.verify("s3cret", against: hash))
        #expect(!PasswordHasher.verify("s3cret!", against: hash))
        #expect(!PasswordHasher.verify("s3cret", against: "garbage"))
        #expect(PasswordHasher.defaultIterations >= 600_000)
    }

    @Test func loginRefusesWrongPasswordAndUnknownAdmin() async throws {
        let app = try await TestApp()
        _ = try await app.adminLogin()
        let wrong = try await app.json(
            "POST", "/api/admin/login", json: ["username": "root", "password": "nope"])
        #expect(wrong.body["success"] == false)
        #expect(wrong.body["message"] == "用户名或密码错误")
        let unknown = try await app.json("POST", "/api/admin/login", json: ["username": "x", "password": "y"])
        #expect(unknown.body["success"] == false)
    }

    @Test func adminAPIRequiresASessionAndSameOrigin() async throws {
        let app = try await TestApp()
        let none = try await app.json("GET", "/api/admin/stats")
        #expect(none.status == 401)
        #expect(none.body["message"] == "未登录")
        let userCookie = try await app.login("mallory")
        #expect(try await app.json("GET", "/api/admin/stats", cookie: userCookie).status == 401)
        let cookie = try await app.adminLogin()
        let crossSite = try await app.json(
            "POST", "/api/admin/codes/generate", json: ["count": 1, "amount": 10], cookie: cookie,
            headers: [("Origin", "https://evil.example")])
        #expect(crossSite.status == 403)
        #expect(crossSite.body["success"] == false)
        #expect(try await app.json("GET", "/api/admin/stats", cookie: cookie).body["success"] == true)
        let page = try await app.send("GET", "/admin")
        #expect(page.status == 302)
    }

    @Test func importParsesSeparatorsAndReportsDuplicatesAndInvalid() async throws {
        let app = try await TestApp()
        let cookie = try await app.adminLogin()
        try await app.stock(1, cents: 1000, prefix: "EXIST")
        let text = "AAAAAA1\nBBBBBB2,CCCCCC3;DDDDDD4 EEEEEE5\tFFFFFF6\r\nAAAAAA1\nbad!\nshort\nEXIST0000\nG_H-IJK8"
        let (status, body) = try await app.importCodes(text, amount: "20", cookie: cookie)
        #expect(status == 200)
        #expect(body["success"] == true)
        #expect(body["message"] == "兑换码导入完成")
        let result = try #require(body["result"])
        #expect(result["totalCodes"] == 11)
        #expect(result["validCodes"] == 7)
        #expect(result["duplicateCodes"] == 2)
        #expect(result["duplicatesInFile"] == ["AAAAAA1"])
        #expect(result["duplicatesInTable"] == ["EXIST0000"])
        #expect(result["invalidCodes"] == 2)
        #expect(result["amount"] == 20)
        #expect(try await app.count("SELECT COUNT(*) FROM redemption_codes WHERE amount_cents = 2000") == 7)
        #expect(try await app.count("SELECT COUNT(*) FROM operation_logs WHERE operation_type = 'upload'") == 1)
        let empty = try await app.importCodes("  \n ", amount: "20", cookie: cookie)
        #expect(empty.status == 400)
        #expect(empty.body["message"] == "文件内容为空")
        let badAmount = try await app.importCodes("ZZZZZZ9", amount: "0", cookie: cookie)
        #expect(badAmount.body["message"] == "文件或金额参数无效")
    }

    @Test func parserRules() {
        let parsed = CodeImportParser.parse("abc123，def456；ghi789 abc123 x")
        #expect(parsed.codes == ["abc123", "def456", "ghi789"])
        #expect(parsed.duplicatesInFile == ["abc123"])
        #expect(parsed.total == 5)
        #expect(parsed.invalid == ["x"])
    }

    @Test func generateDeleteAndInventory() async throws {
        let app = try await TestApp()
        let cookie = try await app.adminLogin()
        let generated = try await app.json(
            "POST", "/api/admin/codes/generate", json: ["count": 3, "amount": 10], cookie: cookie)
        #expect(generated.body["codes"]?.arrayValue?.count == 3)
        #expect(generated.body["message"] == "成功生成3个兑换码")
        let tooMany = try await app.json(
            "POST", "/api/admin/codes/generate", json: ["count": 1001, "amount": 10], cookie: cookie)
        #expect(tooMany.status == 400)
        let inventory = try await app.json("GET", "/api/admin/inventory", cookie: cookie).body
        #expect(inventory["inventory"]?[0]?["available"] == 3)
        #expect(try await app.kv.getJSON("code_inventory") != nil)
        let id = try await app.count("SELECT MIN(id) FROM redemption_codes")
        let deleted = try await app.json(
            "POST", "/api/admin/codes/delete", json: ["codeId": .number(Double(id))], cookie: cookie)
        #expect(deleted.body["message"] == "兑换码删除成功")
        #expect(try await app.kv.get("code_inventory") == nil)
        let user = try await app.login("ann")
        _ = try await app.json("POST", "/api/checkin", cookie: user)
        let given = try await app.count("SELECT id FROM redemption_codes WHERE is_distributed = 1")
        let refused = try await app.json(
            "POST", "/api/admin/codes/delete", json: ["codeId": .number(Double(given))], cookie: cookie)
        #expect(refused.status == 400)
        #expect(refused.body["message"] == "已使用或已发放的兑换码不能删除")
        let missing = try await app.json("POST", "/api/admin/codes/delete", json: ["codeId": 9999], cookie: cookie)
        #expect(missing.status == 404)
        #expect(try await app.count("SELECT COUNT(*) FROM operation_logs WHERE operator_id = 1") >= 3)
    }

    @Test func pendingThenResolve() async throws {
        let app = try await TestApp()
        let cookie = try await app.adminLogin()
        var users: [String] = []
        for name in ["p1", "p2", "p3"] {
            let user = try await app.login(name)
            users.append(user)
            _ = try await app.json("POST", "/api/checkin", cookie: user)
            app.clock.advance(seconds: 10)
        }
        let pending = try await app.json("GET", "/api/admin/pending", cookie: cookie).body
        #expect(pending["total"] == 3)
        let noStock = try await app.json("POST", "/api/admin/pending/resolve", cookie: cookie)
        #expect(noStock.status == 400)
        #expect(noStock.body["message"] == "没有可用的兑换码库存")
        try await app.stock(1, cents: 500, prefix: "TOOSMALL")
        try await app.stock(2, cents: 1000, prefix: "TEN")
        _ = try await app.json("GET", "/api/stats", cookie: users[0])
        let resolved = try await app.json("POST", "/api/admin/pending/resolve", cookie: cookie).body
        #expect(resolved["resolved"] == 2)
        #expect(resolved["total"] == 3)
        #expect(resolved["message"] == "成功补发 2 个兑换码")
        let stats = try await app.json("GET", "/api/stats", cookie: users[0]).body
        #expect(stats["stats"]?["codeCount"] == 1)
        #expect(stats["stats"]?["pendingCount"] == 0)
        let status = try await app.json("GET", "/api/checkin/status", cookie: users[0]).body
        #expect(status["checkIn"]?["redemption_code"] == "TEN0000")
        #expect(try await app.count("SELECT COUNT(*) FROM check_ins WHERE status = 'pending_distribution'") == 1)
        #expect(try await app.count("SELECT total_amount_cents FROM users WHERE username = 'p2'") == 1000)
        let again = try await app.json("POST", "/api/admin/pending/resolve", cookie: cookie).body
        #expect(again["resolved"] == 0)
    }

    @Test func distributeIsAllOrNothing() async throws {
        let app = try await TestApp()
        let cookie = try await app.adminLogin()
        for name in ["d1", "d2", "d3"] { _ = try await app.login(name) }
        try await app.stock(2, cents: 1000, prefix: "GIFT")
        let short = try await app.json("POST", "/api/admin/distribute", json: ["type": "all"], cookie: cookie)
        #expect(short.status == 400)
        #expect(short.body["message"] == "可用兑换码不足，需要 3 个，只有 2 个")
        #expect(try await app.count("SELECT COUNT(*) FROM redemption_codes WHERE is_distributed = 1") == 0)
        let selected = try await app.json(
            "POST", "/api/admin/distribute", json: ["type": "selected", "userIds": [1, 3]], cookie: cookie)
        #expect(selected.body["result"]?["distributed"] == 2)
        #expect(try await app.count("SELECT COUNT(*) FROM redemption_codes WHERE distributed_to IN (1, 3)") == 2)
        #expect(try await app.count("SELECT COUNT(*) FROM distribution_logs") == 1)
    }

    @Test func rewardConfigUpdatesAndInvalidatesCache() async throws {
        let app = try await TestApp()
        let cookie = try await app.adminLogin()
        let rewards = try await app.json("GET", "/api/admin/rewards", cookie: cookie).body
        #expect(rewards["rewards"]?.arrayValue?.count == 5)
        let user = try await app.login("rita")
        _ = try await app.json("POST", "/api/checkin", cookie: user)
        #expect(try await app.kv.get("checkin_rewards") != nil)
        let update = try await app.json(
            "POST", "/api/admin/rewards", json: ["reward_type": "base", "amount": 12.5], cookie: cookie)
        #expect(update.body["success"] == true)
        #expect(try await app.kv.get("checkin_rewards") == nil)
        app.clock.advance(days: 1)
        let next = try await app.json("POST", "/api/checkin", cookie: user).body
        #expect(next["reward"]?["totalAmount"] == 12.5)
        #expect(try await app.count("SELECT COUNT(*) FROM operation_logs WHERE operation_type = 'config'") == 1)
    }

    @Test func rankingRewardsTopStreaksOncePerDay() async throws {
        let app = try await TestApp()
        let cookie = try await app.adminLogin()
        for name in ["r1", "r2", "r3"] {
            let user = try await app.login(name)
            _ = try await app.json("POST", "/api/checkin", cookie: user)
        }
        try await app.stock(5, cents: 5000, prefix: "RANK")
        let rewarded = try await app.json(
            "POST", "/api/admin/ranking", json: ["topN": 2, "amount": 50], cookie: cookie)
        #expect(rewarded.body["result"]?["rewarded"] == 2)
        #expect(rewarded.body["result"]?["users"]?[0]?["code"] == "RANK0000")
        #expect(try await app.count("SELECT COUNT(*) FROM ranking_snapshots WHERE is_rewarded = 1") == 2)
        let twice = try await app.json("POST", "/api/admin/ranking", json: ["topN": 2, "amount": 50], cookie: cookie)
        #expect(twice.status == 409)
        #expect(try await app.count("SELECT COUNT(*) FROM redemption_codes WHERE is_distributed = 1") == 2)
    }

    @Test func listsLogsMetricsAndCacheActions() async throws {
        let app = try await TestApp()
        let cookie = try await app.adminLogin()
        let user = try await app.login("lena")
        try await app.stock(1, cents: 1000, prefix: "LIST")
        _ = try await app.json("POST", "/api/checkin", cookie: user)
        #expect(try await app.json("GET", "/api/admin/users", cookie: cookie).body["users"]?[0]?["username"] == "lena")
        #expect(
            try await app.json("GET", "/api/admin/users/1", cookie: cookie).body["codes"]?[0]?["code"] == "LIST0000")
        #expect(try await app.json("GET", "/api/admin/users/99", cookie: cookie).status == 404)
        #expect(
            try await app.json("GET", "/api/admin/users/search?q=len", cookie: cookie).body["users"]?.arrayValue?.count
                == 1)
        let checkIns = try await app.json("GET", "/api/admin/checkins?status=completed&user_id=1", cookie: cookie).body
        #expect(checkIns["pagination"]?["total"] == 1)
        #expect(
            try await app.json("GET", "/api/admin/codes?page=1&limit=10", cookie: cookie).body["pagination"]?["total"]
                == 1)
        #expect(
            try await app.json("GET", "/api/admin/codes/search?q=LIST", cookie: cookie).body["codes"]?[0]?[
                "distributed_to_username"] == "lena")
        #expect(try await app.json("GET", "/api/admin/codes/search?q=", cookie: cookie).status == 400)
        let stats = try await app.json("GET", "/api/admin/stats", cookie: cookie).body["stats"]
        #expect(stats?["distributed"] == 1)
        #expect(stats?["today_checkins"] == 1)
        let warm = try await app.json("POST", "/api/admin/cache/warmup", cookie: cookie).body
        #expect(warm["success"] == true)
        #expect(try await app.kv.get("ranking:streak") != nil)
        let purge = try await app.json("POST", "/api/admin/cache/purge", json: ["family": "rankings"], cookie: cookie)
            .body
        #expect(purge["removed"] == 2)
        #expect(try await app.kv.get("ranking:streak") == nil)
        let metrics = try await app.json("GET", "/api/admin/metrics", cookie: cookie).body["metrics"]
        #expect(metrics?["business"]?["dailyActiveUsers"] == 1)
        #expect(metrics?["business"]?["checkinCompletionRate"] == 1)
        #expect(metrics?["cache"]?["sessions"]?["hits"]?.intValue ?? 0 > 0)
        #expect(metrics?["routes"]?["POST /api/checkin"]?["count"] == 1)
        #expect((metrics?["d1"]?["avoided"]?.intValue ?? 0) > 0)
        let ops = try await app.json("GET", "/api/admin/logs/operations", cookie: cookie).body
        #expect(ops["logs"]?.arrayValue?.isEmpty == false)
        #expect(try await app.json("GET", "/api/admin/logs/distributions", cookie: cookie).body["success"] == true)
        let charts = try await app.json("GET", "/api/admin/charts", cookie: cookie).body
        // Every one of the 30 days, oldest first: today's check-in is the last.
        #expect(charts["checkinsPerDay"]?.arrayValue?.count == 30)
        #expect(charts["checkinsPerDay"]?[29]?["count"] == 1)
        #expect(charts["checkinsPerDay"]?[0]?["count"] == 0)
    }
}
