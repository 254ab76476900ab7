import Foundation
import Outpost
import Testing

/// Issue 11 items 4, 5, 8 and the CSRF scheme check: hashed session ids, deactivation ending every
/// session, OAuth state bound to the browser, Origin compared with scheme.
@Suite("Session security")
struct SessionSecurityTests {
    private func token(_ cookie: String) -> String { String(cookie.split(separator: "=", maxSplits: 1)[1]) }

    @Test func sessionIdsAreStoredHashedAndAStolenRowOpensNothing() async throws {
        let app = try await TestApp()
        let user = try await app.login("hashed")
        let admin = try await app.adminLogin()
        for (cookie, table, family, name) in [
            (user, "sessions", "session:", "session"), (admin, "admin_sessions", "admin_session:", "admin_session"),
        ] {
            let stored = try #require(
                try await app.db.prepare("SELECT id FROM \(table)").first()?["id"]?.stringValue)
            #expect(stored != token(cookie))
            #expect(stored == TestApp.storedSessionID(cookie))
            #expect(try await app.kv.get(family + token(cookie)) == nil)
            #expect(try await app.kv.get(family + stored) != nil)
            // A copy of the database (or of KV) gives the stored id: presented as a cookie it is refused.
            let path = name == "session" ? "/api/user" : "/api/admin/stats"
            #expect(try await app.json("GET", path, cookie: "\(name)=\(stored)").status == 401)
            #expect(try await app.json("GET", path, cookie: cookie).status == 200)
        }
        // The stolen id is refused from D1 too (KV dropped, so the lookup falls back to the row).
        _ = try await app.kv.delete("session:" + TestApp.storedSessionID(user))
        let stolen = try #require(try await app.db.prepare("SELECT id FROM sessions").first()?["id"]?.stringValue)
        #expect(try await app.json("GET", "/api/user", cookie: "session=\(stolen)").status == 401)
        #expect(try await app.json("GET", "/api/user", cookie: user).status == 200)
    }

    @Test func deactivatingAUserEndsEverySessionAtOnce() async throws {
        let app = try await TestApp()
        let first = try await app.login("leaver")
        let second = try await app.login("leaver")
        let admin = try await app.adminLogin()
        // Both sessions are cached in KV (the cache that used to outlive deactivation).
        #expect(try await app.json("GET", "/api/user", cookie: first).status == 200)
        #expect(try await app.kv.get("session:" + TestApp.storedSessionID(second)) != nil)
        let off = try await app.json(
            "POST", "/api/admin/users/status", json: ["userId": 1, "active": false], cookie: admin)
        #expect(off.status == 200)
        #expect(off.body["endedSessions"] == 2)
        #expect(try await app.json("GET", "/api/user", cookie: first).status == 401)
        #expect(try await app.json("GET", "/api/stats", cookie: second).status == 401)
        #expect(try await app.kv.get("session:" + TestApp.storedSessionID(first)) == nil)
        #expect(try await app.count("SELECT COUNT(*) FROM sessions") == 0)
        // A deactivated user cannot log in again; reactivated, they can.
        #expect(try await app.send("POST", "/dev/login", form: "username=leaver").status == 403)
        _ = try await app.json("POST", "/api/admin/users/status", json: ["userId": 1, "active": true], cookie: admin)
        #expect(try await app.json("GET", "/api/user", cookie: try await app.login("leaver")).status == 200)
        #expect(try await app.count("SELECT COUNT(*) FROM operation_logs WHERE operation_type = 'account'") == 2)
    }

    @Test func deactivatingAnAdminEndsTheirSessionsAndNotOneself() async throws {
        let app = try await TestApp()
        let root = try await app.adminLogin()
        let ops = try await app.adminLogin("ops", password: "another horse")
        #expect(try await app.json("GET", "/api/admin/stats", cookie: ops).status == 200)
        let opsID = try await app.count("SELECT id FROM admins WHERE username = 'ops'")
        let off = try await app.json(
            "POST", "/api/admin/admins/status", json: ["adminId": .number(Double(opsID)), "active": false],
            cookie: root)
        #expect(off.status == 200)
        #expect(try await app.json("GET", "/api/admin/stats", cookie: ops).status == 401)
        #expect(try await app.kv.get("admin_session:" + TestApp.storedSessionID(ops)) == nil)
        let relogin = try await app.json(
            "POST", "/api/admin/login", json: ["username": "ops", "password": "another horse"])
        #expect(relogin.body["success"] == false)
        let rootID = try await app.count("SELECT id FROM admins WHERE username = 'root'")
        let selfOff = try await app.json(
            "POST", "/api/admin/admins/status", json: ["adminId": .number(Double(rootID)), "active": false],
            cookie: root)
        #expect(selfOff.status == 400)
        #expect(try await app.json("GET", "/api/admin/stats", cookie: root).status == 200)
    }

    @Test func anOAuthStateFromAnotherBrowserFails() async throws {
        let app = try await TestApp(vars: ["DEV_LOGIN_ENABLED": "false", "LINUXDO_CLIENT_ID": "client"])
        func start() async throws -> (state: String, cookie: String) {
            let response = try await app.send("GET", "/api/auth/login")
            let setCookie = try #require(response.headers.getSetCookie().first { $0.hasPrefix("oauth_nonce=") })
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(setCookie.contains("Path=/api/oauth/callback"))
            let url = try #require(try await response.json()["authUrl"]?.stringValue)
            let state = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "state" }?.value)
            return (state, String(setCookie.prefix { $0 != ";" }))
        }
        let attacker = try await start()
        let victim = try await start()
        let path = "/api/oauth/callback?code=good&state=" + attacker.state
        // The attacker's callback URL opened in the victim's browser (its own nonce, or none) fails.
        #expect(try await app.json("GET", path, cookie: victim.cookie).status == 400)
        #expect(try await app.json("GET", path).status == 400)
        #expect(try await app.count("SELECT COUNT(*) FROM sessions") == 0)
        // In the browser that started it, the same state still completes the login.
        let own = try await app.send("GET", path, cookie: attacker.cookie)
        #expect(own.status == 302)
        #expect(own.headers.getSetCookie().contains { $0.hasPrefix("session=") })
        #expect(own.headers.getSetCookie().contains { $0.hasPrefix("oauth_nonce=;") })
    }

    @Test func theOriginCheckComparesTheScheme() async throws {
        let app = try await TestApp()
        let cookie = try await app.login("scheme")
        let plain = try await app.json(
            "POST", "/api/checkin", cookie: cookie, headers: [("Origin", "https://kyx.test")])
        #expect(plain.status == 403)
        let other = try await app.json("POST", "/api/checkin", cookie: cookie, headers: [("Origin", "ftp://kyx.test")])
        #expect(other.status == 403)
        let same = try await app.json("POST", "/api/checkin", cookie: cookie, headers: [("Origin", "http://kyx.test")])
        #expect(same.status == 200)
    }
}
