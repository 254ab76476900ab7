import Foundation
import Outpost
import Testing

@Suite("Pages")
struct PageTests {
    @Test func userAndAdminPagesAreServed() async throws {
        let app = try await TestApp()
        for (path, marker) in [
            ("/", "每日签到"), ("/login", "使用 Linux Do 账号登录"), ("/admin/login", "管理后台"),
            ("/dev/login", "开发登录"),
        ] {
            let response = try await app.send("GET", path)
            #expect(response.status == 200)
            #expect(response.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(try await response.text().contains(marker))
        }
        let cookie = try await app.adminLogin()
        let admin = try await app.send("GET", "/admin", cookie: cookie)
        #expect(try await admin.text().contains("近30天签到"))
    }

    @Test func devLoginIsOffUnlessEnabled() async throws {
        let app = try await TestApp(vars: ["DEV_LOGIN_ENABLED": "false"])
        #expect(try await app.send("GET", "/dev/login").status == 404)
        #expect(try await app.send("POST", "/dev/login", form: "username=eve").status == 404)
    }

    @Test func oauthLoginIssuesAStateAndCallbackRejectsUnknownState() async throws {
        let app = try await TestApp(vars: ["DEV_LOGIN_ENABLED": "false", "LINUXDO_CLIENT_ID": "client"])
        let login = try await app.json("GET", "/api/auth/login").body
        let url = try #require(login["authUrl"]?.stringValue)
        #expect(url.hasPrefix("https://connect.linux.do/oauth2/authorize?"))
        let state = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "state" }?.value)
        #expect(try await app.kv.get("oauth_state:" + state) != nil)
        let forged = try await app.json("GET", "/api/oauth/callback?code=abc&state=forged")
        #expect(forged.status == 400)
        #expect(forged.body["error"] == "登录状态无效或已过期")
        let missing = try await app.json("GET", "/api/oauth/callback?state=" + state)
        #expect(missing.body["error"] == "授权码缺失")
    }
}
