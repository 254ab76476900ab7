import Foundation
import OutpostTestSupport
import Testing

/// A running flagship (`kyx-checkin serve` behind real nginx) scraped like Prometheus scrapes it
/// (`ops/prometheus/prometheus.yml`): every metric family the alerting rules read is in the text,
/// with the values of what was done.
@Suite(.serialized)
struct MetricsScrapeTests {
    /// The flagship's integration config with its crons and the status page.
    static var config: String {
        ThroughNginxTests.config + """

            [triggers]
            crons = ["*/5 * * * *", "0 * * * *"]
            [outpost]
            status_path = "/outpost-status"
            # One worker process: each process keeps its own registry, and a scrape reads the one that answers.
            processes = 1
            """
    }

    private func cookie(_ response: HTTPTestResponse, _ name: String) throws -> String {
        let header = response.values("set-cookie").first { $0.hasPrefix(name + "=") }
        return String(try #require(header).prefix { $0 != ";" })
    }

    /// Logs in a user and an admin, imports two 10-dollar codes, checks in, reads the dashboard and
    /// the inventory; answers the admin's cookie.
    private func exercise(_ stack: OutpostStack) throws {
        #expect(try stack.command(["d1", "migrations", "apply", "DB"]).code == 0)
        #expect(
            try stack.command(["create-admin", "root"], environment: ["KYX_ADMIN_PASSWORD": "metrics-pass"]).code == 0)
        let origin = [("Origin", "http://localhost")]
        let login = try stack.request(
            "POST", "/dev/login", headers: origin + [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("username=metrics-user".utf8))
        let user = try cookie(login, "session")
        let adminLogin = try stack.request(
            "POST", "/api/admin/login", headers: origin + [("Content-Type", "application/json")],
            body: Array(#"{"username":"root","password":"metrics-pass"}"#.utf8))
        let admin = origin + [("Cookie", try cookie(adminLogin, "admin_session"))]
        let boundary = "metricsboundary"
        let form =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"amount\"\r\n\r\n10\r\n--\(boundary)\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"c.txt\"\r\n\r\nMETRIC0001\nMETRIC0002\r\n"
            + "--\(boundary)--\r\n"
        let imported = try stack.request(
            "POST", "/api/admin/codes/import",
            headers: admin + [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: Array(form.utf8))
        #expect(imported.status == 200)
        #expect(try stack.request("POST", "/api/checkin", headers: origin + [("Cookie", user)]).status == 200)
        #expect(try stack.request("GET", "/api/stats", headers: origin + [("Cookie", user)]).status == 200)
        #expect(try stack.request("GET", "/api/stats", headers: origin + [("Cookie", user)]).status == 200)
        #expect(try stack.request("GET", "/api/admin/stats", headers: admin).status == 200)
        #expect(try stack.request("GET", "/api/admin/inventory", headers: admin).status == 200)
    }

    @Test func scrapeHasEveryFamilyTheAlertingRulesUse() throws {
        let stack = try OutpostStack(executable: ThroughNginxTests.executable, config: Self.config)
        defer { stack.stop() }
        try exercise(stack)
        let scrape = try stack.request("GET", "/outpost-status?prometheus=")
        #expect(scrape.status == 200)
        let samples = scrape.text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        let families = try AlertRules.metricFamilies()
        #expect(families.count >= 9)
        for family in families.sorted() {
            #expect(
                samples.contains { $0.hasPrefix(family + "{") || $0.hasPrefix(family + " ") },
                "\(family) (used by kyx-alerts.yml) missing from the scrape:\n\(scrape.text)")
        }
        // The values follow what was done: one check-in claimed one of two 10-dollar codes.
        // The worker's gauges are one series per live process of the pool (a `pid` label).
        #expect(
            samples.contains { $0.hasPrefix(#"kyx_codes_unissued{amount_cents="1000",pid=""#) && $0.hasSuffix("\"} 1") }
        )
        #expect(samples.contains { $0.hasPrefix(#"kyx_pending_distributions{pid=""#) && $0.hasSuffix("\"} 0") })
        #expect(samples.contains(#"kyx_checkins_total{status="completed"} 1"#))
        let statsHits = samples.first { $0.hasPrefix(#"kyx_cache_lookups_total{family="user_stats",result="hit"} "#) }
        #expect((statsHits?.split(separator: " ").last.flatMap { Double($0) } ?? 0) >= 1)
    }
}
