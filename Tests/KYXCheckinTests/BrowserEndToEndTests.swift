import Foundation
import OutpostTestSupport
import OutpostTesting
import Testing

/// The flagship in a real browser: headless Chromium, driven over WebDriver by chromedriver, against
/// real nginx and the real `kyx-checkin serve`. Screenshots of each key step go to `artifacts/e2e/`.
/// Needs Debian's `chromium` and `chromium-driver` (scripts/setup.sh installs them).
@Suite(.serialized)
struct BrowserEndToEndTests {
    static let adminPassword = "browser-e2e-pass"

    /// One stack (nginx + serve on fresh state) with chromedriver and a browser session.
    final class Harness {
        let stack: OutpostStack
        let driver: ChromeDriver
        let browser: WebDriverSession
        let name: String
        var origin: String { "http://127.0.0.1:\(stack.port)" }

        init(name: String) throws {
            self.name = name
            guard ChromeDriver.locate() != nil else { throw TestHarnessError(ChromeDriver.missingMessage) }
            stack = try OutpostStack(executable: ThroughNginxTests.executable, config: ThroughNginxTests.config)
            #expect(try stack.command(["d1", "migrations", "apply", "DB"]).code == 0)
            let password = ["KYX_ADMIN_PASSWORD": BrowserEndToEndTests.adminPassword]
            let admin = try stack.command(["create-admin", "root"], environment: password)
            #expect(admin.code == 0, "create-admin: \(admin.stdout) \(admin.stderr)")
            driver = try ChromeDriver(directory: stack.directory)
            browser = try driver.session(windowSize: (1280, 900))
        }

        deinit {
            browser.quit()
            driver.stop()
            stack.stop()
        }

        func url(_ path: String) -> String { origin + path }

        /// An API request through nginx, as a same-origin page would send it.
        func api(_ method: String, _ path: String, cookie: String? = nil, json: String? = nil) throws
            -> HTTPTestResponse
        {
            var headers = [("Origin", "http://localhost")]
            if let cookie { headers.append(("Cookie", cookie)) }
            if json != nil { headers.append(("Content-Type", "application/json")) }
            return try stack.request(method, path, headers: headers, body: Array((json ?? "").utf8))
        }

        private func cookie(_ response: HTTPTestResponse, _ name: String) throws -> String {
            let value = response.values("set-cookie").first { $0.hasPrefix(name + "=") }
            return try #require(value.map { String($0.prefix { $0 != ";" }) }, "no \(name) cookie")
        }

        /// Logs `username` in through the development identity provider; returns the session cookie.
        func devLogin(_ username: String) throws -> String {
            let response = try stack.request(
                "POST", "/dev/login",
                headers: [("Origin", "http://localhost"), ("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("username=\(username)".utf8))
            #expect(response.status == 302)
            return try cookie(response, "session")
        }

        /// Stocks `codes` of face value `amount` dollars through the admin import API.
        func stockCodes(_ codes: [String], amount: String) throws {
            let login = try api(
                "POST", "/api/admin/login",
                json: #"{"username":"root","password":"\#(BrowserEndToEndTests.adminPassword)"}"#)
            let admin = try cookie(login, "admin_session")
            let boundary = "e2eboundary"
            let form =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"amount\"\r\n\r\n\(amount)\r\n--\(boundary)\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"stock.txt\"\r\n\r\n"
                + codes.joined(separator: "\n") + "\r\n--\(boundary)--\r\n"
            let imported = try stack.request(
                "POST", "/api/admin/codes/import",
                headers: [
                    ("Origin", "http://localhost"), ("Cookie", admin),
                    ("Content-Type", "multipart/form-data; boundary=\(boundary)"),
                ],
                body: Array(form.utf8))
            #expect(imported.status == 200)
            #expect(imported.text.contains("\"validCodes\":\(codes.count)"))
        }

        /// Saves a screenshot as `artifacts/e2e/<name>-<step>.png`.
        func shot(_ step: String) throws {
            try browser.saveScreenshot(to: OutpostStack.packageRoot + "/artifacts/e2e/\(name)-\(step).png")
        }

        /// The script errors the browser logged since the last call: none expected.
        func pageErrors() throws -> [String] { try browser.scriptErrors() }

        /// The path of the page the browser shows.
        func currentPath() throws -> String { URL(string: try browser.currentURL())?.path ?? "" }
    }

    @Test func userLogsInChecksInCopiesTheCodeAndSeesItAfterReload() throws {
        let h = try Harness(name: "user")
        try h.stockCodes(["E2EUSER0001", "E2EUSER0002"], amount: "10")
        let b = h.browser

        try b.navigate(to: h.url("/login"))
        try b.waitForText("#loginBtn", "is the login button") { $0.contains("Linux Do") }
        try h.shot("01-login")

        // The login button asks /api/auth/login, which points at the development identity provider.
        try b.click("#loginBtn")
        let username = try b.waitForElement("input[name=username]")
        #expect(try h.currentPath() == "/dev/login")
        try b.sendKeys(username, "e2e-alice")
        try h.shot("02-dev-login")
        try b.click("form button[type=submit]")

        try b.waitForText("#username", "is the username") { $0 == "e2e-alice" }
        #expect(try h.currentPath() == "/")
        let checkIn = try b.waitForText("#checkinBtn", "is enabled") { $0 == "立即签到" }
        #expect(checkIn == "立即签到")
        #expect(try b.property(b.find("#checkinBtn"), "disabled") as? Bool == false)
        try h.shot("03-home")

        try b.click("#checkinBtn")
        try b.waitForElement("#codeModal.show")
        let code = try b.property(b.find("#modalCode"), "value") as? String
        #expect(code == "E2EUSER0001")
        // Was "金额：$10.00 元": a dollar amount labelled in yuan.
        #expect(try b.text(of: b.find("#modalAmount")) == "金额：$10.00")
        #expect(try b.text(of: b.find("#modalTitle")) == "签到成功！")
        try b.waitForText("#checkinBtn", "shows done") { $0 == "今日已签到" }
        try b.waitForText("#s_totalDays", "counts the check-in") { $0 == "1" }
        try b.waitForText("#s_codeCount", "counts the code") { $0 == "1" }
        try h.shot("04-code-modal")

        // Copy: with clipboard permissions granted the code lands on the clipboard; without them the
        // page falls back to showing the code in a toast. Either way nothing throws.
        let granted = (try? b.setPermission("clipboard-read", granted: true)) != nil
        _ = try? b.setPermission("clipboard-write", granted: true)
        try b.execute("document.querySelectorAll('#toasts .toast').forEach(function(t){ t.remove(); });")
        try b.click("#modalCopy")
        let toast = try b.waitForText("#toasts .toast:last-child", seconds: 5, "appears") { !$0.isEmpty }
        #expect(toast == "兑换码已复制" || toast == code, "copy feedback: \(toast)")
        if granted, toast == "兑换码已复制" {
            let clipboard = try b.executeAsync("return await navigator.clipboard.readText();") as? String
            #expect(clipboard == code)
        }
        try b.wait(seconds: 5, "the modal to close") { try !b.isDisplayed(b.find("#codeModal")) }
        #expect(try h.pageErrors() == [])
        try h.shot("05-copied")

        try b.refresh()
        try b.waitForText("#username", "is the username") { $0 == "e2e-alice" }
        try b.waitForText("#checkinBtn", "shows done") { $0 == "今日已签到" }
        #expect(try b.property(b.find("#checkinBtn"), "disabled") as? Bool == true)
        #expect(try b.text(of: b.find("#checkinHint")).contains("今日签到已完成"))
        let codes = try b.waitForText("#codes", "lists the code") { $0.contains("E2EUSER0001") }
        #expect(codes.contains("金额: $10.00"))
        #expect(try !b.isDisplayed(b.find("#codeModal")))
        try h.shot("06-after-reload")

        // The streak ranking (first asked now, so computed from D1) lists alice with her one-day streak.
        try b.click("#rk_streak")
        let ranking = try b.waitForText("#ranking", "lists alice") { $0.contains("e2e-alice") }
        #expect(ranking.contains("#1") && ranking.contains("连续 1 天"))
        #expect(try h.pageErrors() == [])
        try h.shot("07-streak-ranking")
    }

    @Test func adminSeesChartsImportsCodesAndResolvesPending() throws {
        let h = try Harness(name: "admin")
        let b = h.browser

        // A check-in with nothing in stock waits for a code.
        let user = try h.devLogin("e2e-bob")
        let pending = try h.api("POST", "/api/checkin", cookie: user)
        #expect(pending.status == 200)
        #expect(pending.text.contains("\"status\":\"pending_distribution\""))

        try b.navigate(to: h.url("/admin"))
        let username = try b.waitForElement("#u")
        #expect(try h.currentPath() == "/admin/login")
        try b.sendKeys(username, "root")
        try b.sendKeys(b.find("#p"), BrowserEndToEndTests.adminPassword)
        try h.shot("01-login")
        try b.click("form button[type=submit]")

        // The dashboard: stat cards and four SVG charts; today's check-in is a bar.
        try b.waitForElement("#view svg rect.bar")
        #expect(try h.currentPath() == "/admin")
        let charts =
            try b.execute(
                """
                return Array.from(document.querySelectorAll('#view .card')).filter(function(c){ return c.querySelector('svg'); })
                  .map(function(c){ var bars = Array.from(c.querySelectorAll('svg rect.bar'));
                    return { title: c.querySelector('h3').textContent, bars: bars.length,
                      drawn: bars.filter(function(r){ return r.getBoundingClientRect().height > 0; }).length,
                      width: c.querySelector('svg').getBoundingClientRect().width,
                      labels: Array.from(c.querySelectorAll('svg rect.bar title')).map(function(t){ return t.textContent; }) }; });
                """) as? [[String: Any]] ?? []
        #expect(
            charts.map { $0["title"] as? String } == ["近30天签到", "库存（按面额，可用）", "缓存命中率（按类型）", "接口响应时间（平均 ms）"])
        let perDay = try #require(charts.first)
        #expect(perDay["drawn"] as? Int ?? 0 >= 1, "check-ins per day: \(perDay)")
        #expect((perDay["labels"] as? [String] ?? []).contains { $0.hasSuffix(": 1") }, "\(perDay)")
        #expect(perDay["width"] as? Double ?? 0 > 100)
        #expect(try stat("待分配", in: b) == "1")
        #expect(try stat("今日签到", in: b) == "1")
        #expect(try stat("总兑换码数", in: b) == "0")
        try h.shot("02-dashboard")

        // Import through the page's upload form: three new codes, one repeated, one malformed.
        let file = h.stack.directory + "/admin-codes.txt"
        let text = "E2EADMIN01\nE2EADMIN02, E2EADMIN03\nbad!\nE2EADMIN01\n"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try b.click("[data-tab=codes]")
        try b.sendKeys(b.waitForElement("#file"), file)
        let amount = try b.find("#amt")
        try b.clear(amount)
        try b.sendKeys(amount, "10")
        try h.shot("03-upload-form")
        try b.execute("document.querySelectorAll('#toasts .toast').forEach(function(t){ t.remove(); });")
        try b.click("#uploadBtn")
        let result = try b.waitForText("#toasts .toast", "reports the import") { $0.hasPrefix("导入完成") }
        #expect(result == "导入完成：有效 3，重复 1，无效 1")
        let table = try b.waitForText("#view", "lists the codes") { $0.contains("E2EADMIN03") }
        #expect(table.contains("E2EADMIN01") && table.contains("E2EADMIN02"))
        try h.shot("04-imported")

        // The pending tab lists bob; 一键补发 fills his check-in and the count drops to zero.
        try b.click("[data-tab=pending]")
        try b.waitForText("#pendingTitle", "counts one") { $0 == "待分配签到（1）" }
        #expect(try b.text(of: b.find("#view table")).contains("e2e-bob"))
        try h.shot("05-pending")
        try b.click("#resolveBtn")
        try b.waitForText("#pendingTitle", "counts none") { $0 == "待分配签到（0）" }
        #expect(!(try b.text(of: b.find("#view table")).contains("e2e-bob")))
        try h.shot("06-resolved")

        // Admin writes invalidate the dashboard's cached figures: back on the dashboard, no pending.
        try b.click("[data-tab=dash]")
        try b.waitForElement("#view svg rect.bar")
        try b.wait(seconds: 10, "the dashboard to count no pending") { try stat("待分配", in: b) == "0" }
        #expect(try stat("已发放", in: b) == "1")
        #expect(try stat("未发放", in: b) == "2")
        #expect(try h.pageErrors() == [])
        try h.shot("07-dashboard-after")

        // Bob now holds the oldest code of the batch.
        let codes = try h.api("GET", "/api/codes/recent?limit=5&page=1", cookie: user)
        #expect(codes.text.contains("\"code\":\"E2EADMIN01\""))
    }

    /// The value of the dashboard stat card labelled `label`.
    private func stat(_ label: String, in browser: WebDriverSession) throws -> String? {
        try browser.execute(
            """
            var label = arguments[0];
            var s = Array.from(document.querySelectorAll('#view .stat')).find(function(s){ return s.querySelector('.k').textContent === label; });
            return s ? s.querySelector('.v').textContent : null;
            """, [label]) as? String
    }
}
