import Foundation
import Outpost

/// User login: Linux.Do OAuth2 (state verified through KV, D1 as the fallback) and the development
/// identity provider (only with `DEV_LOGIN_ENABLED = "true"`).
struct AuthRoutes: Sendable {
    let ctx: AppContext
    static let stateLifetime = 600
    /// The cookie binding an OAuth state to the browser that asked for it.
    static let nonceCookie = "oauth_nonce"
    static let callbackPath = "/api/oauth/callback"

    /// Answers an auth route, or `nil`.
    func handle(method: String, path: String) async throws -> Response? {
        switch (method, path) {
        case ("GET", "/api/auth/login"): return try await authURL()
        case ("GET", "/api/oauth/callback"): return await callback()
        case ("GET", "/dev/login") where ctx.settings.devLoginEnabled: return .html(Pages.devLogin)
        case ("POST", "/dev/login") where ctx.settings.devLoginEnabled: return try await devLogin()
        default: return nil
        }
    }

    private var baseURL: String {
        if let configured = ctx.settings.frontendURL { return configured }
        let scheme = ctx.isHTTPS ? "https" : (ctx.request.url.scheme ?? "http")
        let host = ctx.request.headers["host"] ?? ctx.request.url.host ?? "localhost"
        return "\(scheme)://\(host)"
    }

    private func authURL() async throws -> Response {
        if ctx.settings.devLoginEnabled && ctx.settings.oauthClientID == nil {
            return .json(["success": true, "authUrl": "/dev/login"])
        }
        guard let clientID = ctx.settings.oauthClientID else { throw APIError(500, "OAuth 未配置") }
        // The state is the SHA-256 of a nonce kept in this browser's HttpOnly cookie: the callback only
        // accepts a state whose nonce comes with it, so a state issued to another browser fails.
        let nonce = SessionToken.random()
        let state = SessionToken.storedID(of: nonce)
        let expires = ctx.isoAfter(seconds: Self.stateLifetime)
        _ = try await ctx.db.prepare("INSERT INTO oauth_states (state, expires_at, created_at) VALUES (?, ?, ?)")
            .bind(state, expires, ctx.nowISO).run()
        if let kv = try? ctx.env.kv("KV") {
            do { try await kv.put("oauth_state:" + state, "1", expirationTtl: Self.stateLifetime) } catch {
                ctx.log("KV write of oauth_state failed; D1 keeps the state: \(error)")
            }
        }
        var components = URLComponents(string: ctx.settings.authorizeURL)
        components?.queryItems = [
            URLQueryItem(name: "client_id", value: clientID),
            URLQueryItem(name: "redirect_uri", value: baseURL + "/api/oauth/callback"),
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "scope", value: "read"),
            URLQueryItem(name: "state", value: state),
        ]
        var headers = Headers()
        headers.append(
            "Set-Cookie",
            SessionCookie.set(
                Self.nonceCookie, nonce, maxAge: Self.stateLifetime, secure: ctx.isHTTPS, path: Self.callbackPath))
        return .json(["success": true, "authUrl": .string(components?.string ?? "")], headers: headers)
    }

    /// Consumes `state` once: true when it was issued and is unexpired. The D1 row is the single-use
    /// source of truth (a conditional delete, so a replay finds nothing); the KV copy is left to its
    /// 10-minute TTL (a delete is billed as a KV write, and nothing reads the copy after this).
    private func consume(state: String) async throws -> Bool {
        let result = try await ctx.db.prepare("DELETE FROM oauth_states WHERE state = ? AND expires_at > ?")
            .bind(state, ctx.nowISO).run()
        return result.meta.changes == 1
    }

    /// Whether the request carries the nonce cookie whose SHA-256 is `state`.
    private func isBoundToThisBrowser(_ state: String) -> Bool {
        guard let nonce = ctx.request.cookie(Self.nonceCookie), SessionToken.isWellFormed(nonce) else { return false }
        return WebCrypto.timingSafeEqual(Array(SessionToken.storedID(of: nonce).utf8), Array(state.utf8))
    }

    private func callback() async -> Response {
        var response = await completeCallback()
        response.headers.append(
            "Set-Cookie", SessionCookie.clear(Self.nonceCookie, secure: ctx.isHTTPS, path: Self.callbackPath))
        return response
    }

    private func completeCallback() async -> Response {
        do {
            guard let code = ctx.request.query("code"), !code.isEmpty else { throw APIError(400, "授权码缺失") }
            guard let state = ctx.request.query("state"), isBoundToThisBrowser(state),
                try await consume(state: state)
            else {
                throw APIError(400, "登录状态无效或已过期")
            }
            let profile = try await fetchProfile(code: code)
            let userID = try await upsertLinuxDo(profile)
            return try await loggedIn(userID: userID)
        } catch let error as APIError where error.status == 400 {
            return .json(["error": .string(error.message)], status: 400)
        } catch {
            ctx.log("OAuth callback failed: \(error)")
            let message = (error as? APIError)?.message ?? "登录失败"
            let encoded = message.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
            return .redirect("/login?error=" + encoded)
        }
    }

    private func fetchProfile(code: String) async throws -> JSONObject {
        let form = [
            ("grant_type", "authorization_code"), ("client_id", ctx.settings.oauthClientID ?? ""),
            ("client_secret", ctx.settings.oauthClientSecret ?? ""), ("code", code),
            ("redirect_uri", baseURL + "/api/oauth/callback"),
        ].map { "\($0.0)=\(Self.formEncode($0.1))" }
            .joined(separator: "&")
        let tokenRequest = Request(
            url: URL(string: ctx.settings.tokenURL)!, method: "POST",
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            text: form)
        let token = try await ctx.env.fetch(tokenRequest)
        guard token.ok, let accessToken = try await token.json()["access_token"]?.stringValue else {
            throw APIError(502, "Failed to get access token")
        }
        let userRequest = Request(
            url: URL(string: ctx.settings.userInfoURL)!, headers: ["Authorization": "Bearer " + accessToken])
        let user = try await ctx.env.fetch(userRequest)
        guard user.ok, let profile = try await user.json().objectValue else {
            throw APIError(502, "Failed to get user info")
        }
        return profile
    }

    /// `application/x-www-form-urlencoded` value encoding (unreserved characters kept).
    static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    private func upsertLinuxDo(_ profile: JSONObject) async throws -> Int {
        guard let linuxDoID = profile["id"]?.intValue, let username = profile.string("username") else {
            throw APIError(502, "Failed to get user info")
        }
        let row = try await ctx.db.prepare(
            """
            INSERT INTO users (linux_do_id, username, email, avatar_url, trust_level, last_login_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (linux_do_id) DO UPDATE SET username = excluded.username, email = excluded.email,
              avatar_url = excluded.avatar_url, trust_level = excluded.trust_level,
              last_login_at = excluded.last_login_at, updated_at = excluded.updated_at
            RETURNING id
            """
        ).bind(
            linuxDoID, username, profile.string("email"), profile.string("avatar_url"),
            profile["trust_level"]?.intValue ?? 0, ctx.nowISO, ctx.nowISO, ctx.nowISO
        ).first()
        return row?.int("id") ?? 0
    }

    private func devLogin() async throws -> Response {
        try CSRFGuard.check(ctx.request)
        ctx.log("⚠️ DEV LOGIN IS ENABLED: anyone can log in as any user (DEV_LOGIN_ENABLED=true)")
        let form = try await ctx.request.formData()
        let username = (form.string("username") ?? "").trimmingCharacters(in: .whitespaces)
        guard (1...32).contains(username.count) else { throw APIError(400, "用户名无效") }
        let row = try await ctx.db.prepare(
            """
            INSERT INTO users (dev_login, username, trust_level, last_login_at, created_at, updated_at)
            VALUES (?, ?, 0, ?, ?, ?)
            ON CONFLICT (dev_login) DO UPDATE SET last_login_at = excluded.last_login_at
            RETURNING id
            """
        ).bind(username, username, ctx.nowISO, ctx.nowISO, ctx.nowISO).first()
        return try await loggedIn(userID: row?.int("id") ?? 0)
    }

    private func loggedIn(userID: Int) async throws -> Response {
        guard let cookie = try await SessionStore(ctx: ctx, kind: .user).create(ownerID: userID) else {
            throw APIError.accountDisabled
        }
        await LoginWarmup(ctx: ctx).schedule(userID: userID)
        var headers = Headers()
        headers.append("Set-Cookie", cookie)
        return .redirect("/", headers: headers)
    }
}
