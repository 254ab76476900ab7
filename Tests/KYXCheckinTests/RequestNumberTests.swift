import Foundation
import Outpost
import Testing

/// Issue 11 item 2: every number the flagship takes from a request is parsed and bounded. Each route
/// that reads one gets extreme values; none may trap (a trap kills this test process), every answer
/// is a clear 4xx or a normal 200, and the worker keeps answering afterwards.
@Suite("Request numbers")
struct RequestNumberTests {
    /// Query and path values: 64-bit edges, one past them, 2^62, huge digit strings, non-numbers, floats.
    static let queryValues = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "4611686018427387904", "-1", "0", String(repeating: "9", count: 40), "abc", "1.5", "1e3", "NaN", "0x10",
        "%20%201", "+-1",
    ]
    /// JSON number texts for body fields.
    static let jsonValues = [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "4611686018427387904", "-1", "0",
        "1e308", "-1e308", "1e400", "1.5", String(repeating: "9", count: 40), "\"9223372036854775807\"", "\"abc\"",
        "null", "[]",
    ]

    private func expectBounded(_ status: Int, _ what: String) {
        #expect(status < 500, "\(what) answered \(status)")
    }

    @Test func extremeQueryNumbersOnEveryRouteAnswerWithoutTrapping() async throws {
        let app = try await TestApp()
        let user = try await app.login("numbers")
        let admin = try await app.adminLogin()
        let userQueries = ["/api/codes/recent?page=", "/api/codes/recent?limit="]
        let adminQueries = [
            "/api/admin/users?page=", "/api/admin/users?limit=", "/api/admin/codes?page=", "/api/admin/codes?limit=",
            "/api/admin/checkins?page=", "/api/admin/checkins?limit=", "/api/admin/checkins?user_id=",
            "/api/admin/logs/operations?page=", "/api/admin/logs/operations?limit=",
            "/api/admin/logs/distributions?page=", "/api/admin/logs/distributions?limit=", "/api/admin/codes/",
            "/api/admin/users/",
        ]
        for value in Self.queryValues {
            for path in userQueries {
                expectBounded(try await app.send("GET", path + value, cookie: user).status, path + value)
            }
            for path in adminQueries {
                expectBounded(try await app.send("GET", path + value, cookie: admin).status, path + value)
            }
        }
        // The two requests of the report answer 400 with a message naming the parameter.
        let recent = try await app.json("GET", "/api/codes/recent?page=4611686018427387904", cookie: user)
        #expect(recent.status == 400)
        #expect(recent.body["error"]?.stringValue?.contains("page") == true)
        let users = try await app.json("GET", "/api/admin/users?page=9223372036854775807", cookie: admin)
        #expect(users.status == 400)
        #expect(users.body["success"] == false)
        #expect(try await app.json("GET", "/api/admin/users?page=2&limit=10", cookie: admin).status == 200)
        #expect(try await app.json("GET", "/api/codes/recent?page=3", cookie: user).status == 200)
    }

    @Test func extremeBodyNumbersOnEveryRouteAnswerWithoutTrapping() async throws {
        let app = try await TestApp()
        let user = try await app.login("bodies")
        let admin = try await app.adminLogin()
        try await app.stock(3, cents: 1_000, prefix: "NUM")
        let templates = [
            "/api/admin/codes/delete": #"{"codeId": N}"#,
            "/api/admin/codes/generate": #"{"count": N, "amount": N}"#,
            "/api/admin/distribute": #"{"type": "selected", "userIds": [N], "amount": N}"#,
            "/api/admin/ranking": #"{"topN": N, "amount": N}"#,
            "/api/admin/rewards": #"{"reward_type": "consecutive", "condition_value": N, "amount": N}"#,
            "/api/admin/users/status": #"{"userId": N, "active": false}"#,
            "/api/admin/admins/status": #"{"adminId": N, "active": false}"#,
        ]
        for value in Self.jsonValues {
            for (path, template) in templates {
                let body = Array(template.replacingOccurrences(of: "N", with: value).utf8)
                let response = try await app.send(
                    "POST", path, cookie: admin, headers: [("Content-Type", "application/json")], body: body)
                expectBounded(response.status, "\(path) with \(value)")
            }
            let imported = try await app.importCodes("NUMIMPORT01", amount: value, cookie: admin)
            expectBounded(imported.status, "import with amount \(value)")
        }
        // The worker still answers normally afterwards, and the user was never deactivated by a bad id.
        #expect(try await app.json("GET", "/api/user", cookie: user).status == 200)
        #expect(try await app.json("GET", "/api/admin/stats", cookie: admin).status == 200)
    }
}
