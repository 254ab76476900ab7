import Foundation
import Outpost
import OutpostTesting
import Testing

@Suite("Auth")
struct AuthTests {
    /// Starts an OAuth login; answers the state and the browser's `oauth_nonce` cookie that binds it.
    private func state(_ app: TestApp) async throws -> (String, cookie: String) {
        let response = try await app.send("GET", "/api/auth/login")
        let setCookie = try #require(response.headers.getSetCookie().first { $0.hasPrefix("oauth_nonce=") })
        let url = try #require(try await response.json()["authUrl"]?.stringValue)
        let state = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "state" }?.value)
        return (state, String(setCookie.prefix { $0 != ";" }))
    }

    @Test func oauthCallbackCreatesUserWithTrustLevelAndSession() async throws {
        let app = try await TestApp(vars: ["DEV_LOGIN_ENABLED": "false", "LINUXDO_CLIENT_ID": "client"])
        let (state, browser) = try await state(app)
        let callback = try await app.send("GET", "/api/oauth/callback?code=good&state=" + state, cookie: browser)
        #expect(callback.status == 302)
        #expect(callback.headers["location"] == "/")
        let setCookie = try #require(callback.headers.getSetCookie().first { $0.hasPrefix("session=") })
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Lax"))
        #expect(setCookie.contains("Max-Age=604800"))
        #expect(!setCookie.contains("Secure"))
        let cookie = String(setCookie.prefix { $0 != ";" })
        let user = try await app.json("GET", "/api/user", cookie: cookie).body
        #expect(user["user"]?["username"] == "linuxer")
        #expect(user["user"]?["linux_do_id"] == 4242)
        #expect(user["user"]?["trust_level"] == 3)
        let replay = try await app.json("GET", "/api/oauth/callback?code=good&state=" + state, cookie: browser)
        #expect(replay.status == 400)
    }

    @Test func oauthStateExpiresAfterTenMinutes() async throws {
        let app = try await TestApp(vars: ["DEV_LOGIN_ENABLED": "false", "LINUXDO_CLIENT_ID": "client"])
        let (state, browser) = try await state(app)
        app.clock.advance(seconds: 601)
        let late = try await app.json("GET", "/api/oauth/callback?code=good&state=" + state, cookie: browser)
        #expect(late.status == 400)
        #expect(late.body["error"] == "登录状态无效或已过期")
    }

    @Test func failedTokenExchangeRedirectsToLoginWithError() async throws {
        let app = try await TestApp(vars: ["DEV_LOGIN_ENABLED": "false", "LINUXDO_CLIENT_ID": "client"])
        let (state, browser) = try await state(app)
        let response = try await app.send("GET", "/api/oauth/callback?code=bad&state=" + state, cookie: browser)
        #expect(response.status == 302)
        #expect(response.headers["location"]?.hasPrefix("/login?error=") == true)
    }

    @Test func cookiesAreSecureOverHTTPS() async throws {
        let app = try await TestApp()
        let response = try await app.send(
            "POST", "/dev/login", form: "username=secure", headers: [("X-Forwarded-Proto", "https")])
        #expect(response.headers.getSetCookie().first?.contains("; Secure") == true)
    }

    @Test func modalDisplayAndDismiss() async throws {
        let app = try await TestApp()
        let cookie = try await app.login("modal")
        let path = "/api/modal/check?type=checkin&key=CODE1"
        #expect(try await app.json("GET", path, cookie: cookie).body["reason"] == "allowed")
        let shown = try await app.json(
            "POST", "/api/modal/display", json: ["type": "checkin", "key": "CODE1"], cookie: cookie)
        #expect(shown.body["message"] == "弹窗显示已记录")
        let after = try await app.json("GET", path, cookie: cookie).body
        #expect(after["should_display"] == false)
        #expect(after["reason"] == "max_reached")
        let dismissed = try await app.json(
            "POST", "/api/modal/dismiss", json: ["type": "system", "key": "N1"], cookie: cookie)
        #expect(dismissed.body["message"] == "弹窗已标记为关闭")
        #expect(
            try await app.json("GET", "/api/modal/check?type=system&key=N1", cookie: cookie).body["reason"]
                == "dismissed")
        let missing = try await app.json("GET", "/api/modal/check?type=checkin", cookie: cookie)
        #expect(missing.status == 400)
        #expect(missing.body["error"] == "缺少必要参数")
    }

    @Test func adminSessionLastsADay() async throws {
        let app = try await TestApp()
        let cookie = try await app.adminLogin()
        app.clock.advance(seconds: 23 * 3_600)
        #expect(try await app.json("GET", "/api/admin/stats", cookie: cookie).status == 200)
        app.clock.advance(seconds: 2 * 3_600)
        #expect(try await app.json("GET", "/api/admin/stats", cookie: cookie).status == 401)
    }
}
