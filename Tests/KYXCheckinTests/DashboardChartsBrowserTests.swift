import Foundation
import OutpostTestSupport
import OutpostTesting
import Testing

/// The dashboard's four charts in a real browser, with no data and with a realistic load (30 days of
/// check-ins up to ~12,000 a day, seven denominations from 1 to 48,000 codes, a burst of real traffic
/// through the worker's routes for the hit rates and response times), at 1280 and 390 px wide, in
/// both themes: no two text labels of a chart overlap, every label lies inside its chart, the text
/// keeps a legible size. Screenshots (PNG) go to a temp dir printed by the test.
@Suite(.serialized)
struct DashboardChartsBrowserTests {
    /// Where the screenshots go (kept after the test; printed).
    static let shots: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kyx-dashboard-charts").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Every chart's labels and their boxes, measured in the page (`getBoundingClientRect`).
    static let measure = """
        return Array.from(document.querySelectorAll('svg.chart')).map(function(svg){
          var box = svg.getBoundingClientRect();
          var labels = Array.from(svg.querySelectorAll('text.lbl')).map(function(t){ var r = t.getBoundingClientRect();
            return { text: t.firstChild ? t.firstChild.nodeValue : '', l: r.left, r: r.right, t: r.top, b: r.bottom,
                     size: parseFloat(getComputedStyle(t).fontSize) }; });
          var overlaps = [], outside = [];
          for (var i = 0; i < labels.length; i++) {
            var a = labels[i];
            if (a.l < box.left - 0.5 || a.r > box.right + 0.5 || a.t < box.top - 0.5 || a.b > box.bottom + 0.5) outside.push(a.text);
            for (var j = i + 1; j < labels.length; j++) { var b = labels[j];
              if (a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5) overlaps.push(a.text + ' × ' + b.text); }
          }
          return { chart: svg.getAttribute('data-chart'), width: box.width, labels: labels.length,
                   bars: svg.querySelectorAll('rect.bar').length, overlaps: overlaps, outside: outside,
                   smallest: labels.reduce(function(m, l){ return Math.min(m, l.size); }, 99),
                   texts: labels.map(function(l){ return l.text; }) };
        });
        """

    /// Resizes the window, sets the theme, redraws and checks every chart; answers the measurements.
    private func check(_ h: BrowserEndToEndTests.Harness, width: Int, theme: String, step: String) throws
        -> [String: [String: Any]]
    {
        let b = h.browser
        _ = try b.command("POST", "/window/rect", ["width": width, "height": 3600])
        try b.execute(
            "document.documentElement.dataset.theme = arguments[0]; localStorage.setItem('theme', arguments[0]); drawCharts();",
            [theme])
        let charts = try b.execute(Self.measure) as? [[String: Any]] ?? []
        var byName: [String: [String: Any]] = [:]
        for chart in charts {
            let name = chart["chart"] as? String ?? "?"
            byName[name] = chart
            let overlaps = chart["overlaps"] as? [String] ?? []
            let outside = chart["outside"] as? [String] ?? []
            #expect(overlaps.isEmpty, "\(step) \(name): overlapping labels \(overlaps)")
            #expect(outside.isEmpty, "\(step) \(name): labels outside the chart \(outside)")
            #expect(chart["smallest"] as? Double ?? 0 >= 10, "\(step) \(name): text under 10 px")
            #expect(chart["width"] as? Double ?? 0 <= Double(width), "\(step) \(name): wider than the window")
        }
        #expect(Set(byName.keys) == ["checkins", "inventory", "hitrate", "routes"], "\(step): \(byName.keys)")
        let path = Self.shots + "/\(step)-\(width)-\(theme).png"
        try b.saveScreenshot(to: path)
        print("dashboard screenshot: \(path)")
        // Each chart on its own, at full resolution.
        for (index, element) in try b.findAll("svg.chart").enumerated() {
            let encoded = try b.command("GET", "/element/\(element.id)/screenshot") as? String ?? ""
            let name = charts.indices.contains(index) ? charts[index]["chart"] as? String ?? "\(index)" : "\(index)"
            try Data(base64Encoded: encoded)?.write(
                to: URL(fileURLWithPath: path.replacingOccurrences(of: ".png", with: "-\(name).png")))
        }
        return byName
    }

    /// Logs the admin in through the page and waits for the dashboard's charts.
    private func openDashboard(_ h: BrowserEndToEndTests.Harness) throws {
        let b = h.browser
        try b.navigate(to: h.url("/admin"))
        try b.sendKeys(b.waitForElement("#u"), "root")
        try b.sendKeys(b.find("#p"), BrowserEndToEndTests.adminPassword)
        try b.click("form button[type=submit]")
        try b.waitForElement("#view svg.chart[data-chart=routes]")
    }

    @Test func chartsStayLegibleWithNoData() throws {
        let h = try BrowserEndToEndTests.Harness(name: "charts-empty")
        try openDashboard(h)
        for width in [1280, 390] {
            for theme in ["dark", "light"] {
                let charts = try check(h, width: width, theme: theme, step: "empty")
                let perDay = charts["checkins"]?["texts"] as? [String] ?? []
                #expect(perDay.contains("暂无数据"), "the empty chart says so: \(perDay)")
                #expect(perDay.contains("0"), "the y axis starts at 0: \(perDay)")
                #expect(charts["inventory"]?["texts"] as? [String] == ["暂无数据"])
            }
        }
        #expect(try h.pageErrors() == [])
    }

    @Test func chartsStayLegibleWithALoadedDay() throws {
        let h = try BrowserEndToEndTests.Harness(name: "charts-loaded")
        try seed(h)
        // Real traffic through the worker: logins, check-ins and the home page's reads.
        try h.stockCodes((1...40).map { String(format: "E2ECHART%04d", $0) }, amount: "10")
        for index in 0..<40 {
            let cookie = try h.devLogin("e2e-chart-\(index)")
            for path in ["/api/user", "/api/checkin/status", "/api/stats", "/api/ranking?type=today"] {
                #expect(try h.api("GET", path, cookie: cookie).status == 200)
            }
            #expect(try h.api("POST", "/api/checkin", cookie: cookie).status == 200)
            #expect(try h.api("GET", "/api/ranking?type=streak", cookie: cookie).status == 200)
        }
        try openDashboard(h)
        for width in [1280, 390] {
            for theme in ["dark", "light"] {
                let charts = try check(h, width: width, theme: theme, step: "loaded")
                #expect(charts["checkins"]?["bars"] as? Int == 30)
                #expect(charts["inventory"]?["bars"] as? Int == 7)
                #expect(charts["hitrate"]?["bars"] as? Int == 6)
                let perDay = charts["checkins"]?["texts"] as? [String] ?? []
                #expect(perDay.contains("20k"), "the y axis abbreviates large values: \(perDay)")
                #expect(
                    perDay.filter { $0.count == 5 && $0.contains("-") }.count >= 4, "dates on the x axis: \(perDay)")
            }
        }
        #expect(try h.pageErrors() == [])
    }

    /// 12,000 users, 30 days of check-ins (one quiet day, up to ~12,000 a day) and codes in seven
    /// denominations, straight into D1 through the CLI.
    private func seed(_ h: BrowserEndToEndTests.Harness) throws {
        let sql = """
            INSERT INTO users (username, dev_login, created_at, updated_at)
              WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)
              SELECT 'seed' || i, 'seed' || i, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n;
            INSERT INTO check_ins (user_id, check_in_date, check_in_time, created_at)
              WITH RECURSIVE d(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM d WHERE k < 29)
              SELECT u.id, date('now', '+8 hours', '-' || d.k || ' days'), '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
              FROM d JOIN users u ON u.id <= CASE WHEN d.k = 12 THEN 0 WHEN d.k = 3 THEN 11950 ELSE (d.k * 397) % 9000 + 40 END;
            INSERT INTO redemption_codes (code, amount_cents, created_at)
              WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 48000),
                denominations(cents, stock) AS (VALUES (100, 3), (500, 120), (1000, 48000), (2000, 7500), (5000, 0), (10000, 12), (20000, 1))
              SELECT printf('SEED%d-%06d', cents, i), cents, '2026-01-01T00:00:00Z' FROM denominations JOIN n ON i <= stock;
            INSERT INTO redemption_codes (code, amount_cents, is_distributed, created_at) VALUES ('SEED5000-GONE', 5000, 1, '2026-01-01T00:00:00Z');
            """
        let result = try h.stack.command(["d1", "execute", "DB", "-y", "--command", sql])
        #expect(result.code == 0, "seeding D1: \(result)")
    }
}
