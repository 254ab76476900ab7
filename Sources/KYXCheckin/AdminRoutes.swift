import Outpost

/// The admin API (`/api/admin/*`): login/logout without a session, everything else behind
/// `admin_session`; state-changing routes also pass the CSRF check. The acting admin always comes
/// from the session.
struct AdminRoutes: Sendable {
    let ctx: AppContext

    private var sessions: SessionStore { SessionStore(ctx: ctx, kind: .admin) }

    /// Answers an admin route, or `nil`.
    func handle(method: String, path: String) async throws -> Response? {
        try CSRFGuard.check(ctx.request)
        switch (method, path) {
        case ("POST", "/api/admin/login"): return try await login()
        case ("POST", "/api/admin/logout"): return try await logout()
        default: break
        }
        let admin = AdminContext(ctx: ctx, adminID: try await sessions.requireOwner())
        let response = try await route(admin, method: method, path: path)
        if method != "GET", response != nil {
            // Every admin write can change the dashboard figures: drop them (D1 first, then invalidate).
            await ctx.caches.general.invalidate("admin_stats")
        }
        return response
    }

    private func route(_ admin: AdminContext, method: String, path: String) async throws -> Response? {
        if let response = try await AccountStatusRoutes(admin: admin).handle(method: method, path: path) {
            return response
        }
        if let response = try await AdminDashboardRoutes(admin: admin).handle(method: method, path: path) {
            return response
        }
        if let response = try await AdminCodeRoutes(admin: admin).handle(method: method, path: path) {
            return response
        }
        if let response = try await AdminDistributionRoutes(admin: admin).handle(method: method, path: path) {
            return response
        }
        return try await AdminRecordRoutes(admin: admin).handle(method: method, path: path)
    }

    private func login() async throws -> Response {
        let body = await ctx.jsonBody()
        let username = body.string("username") ?? ""
        let password = body.string("password") ?? ""
        let throttle = LoginThrottle(ctx: ctx)
        let address = ctx.clientAddress ?? "unknown"
        let keys: [LoginThrottle.Key] = [.username(username), .address(address)]
        guard (1...64).contains(username.count), password.utf8.count <= 1_024 else {
            _ = try await throttle.recordFailure([keys[1]])
            return .json(["success": false, "message": "用户名或密码错误"])
        }
        if let seconds = try await throttle.retryAfter(keys) {
            ctx.log("admin login throttled from \(address): retry after \(seconds) s")
            throw APIError(429, "登录尝试过多，请 \(seconds) 秒后再试", retryAfter: seconds)
        }
        let row = try await ctx.db.prepare(
            "SELECT id, password_hash FROM admins WHERE username = ? AND is_active = 1"
        ).bind(username).first()
        // An unknown username costs the same PBKDF2 work as a wrong password (no timing oracle).
        let hash = row?.string("password_hash") ?? PasswordHasher.decoy(iterations: ctx.settings.pbkdf2Iterations)
        guard let matches = await ctx.passwordHashes.verify(password, against: hash) else {
            ctx.log("admin login refused: every password-hashing slot is busy")
            throw APIError(429, "登录请求过多，请稍后再试", retryAfter: 1)
        }
        guard matches, let row else {
            ctx.log("admin login refused for a username of \(username.count) characters from \(address)")
            if let seconds = try await throttle.recordFailure(keys) {
                ctx.log("admin login blocked for \(seconds) s after repeated failures from \(address)")
            }
            return .json(["success": false, "message": "用户名或密码错误"])
        }
        let adminID = row.int("id")
        guard let cookie = try await sessions.create(ownerID: adminID) else { throw APIError.accountDisabled }
        try await throttle.reset(keys)
        _ = try await ctx.db.prepare("UPDATE admins SET last_login_at = ? WHERE id = ?").bind(ctx.nowISO, adminID)
            .run()
        try await OperationLog.record(
            ctx, adminID: adminID, type: "login", detail: "管理员登录", targetType: "system", targetID: nil)
        var headers = Headers()
        headers.append("Set-Cookie", cookie)
        return .json(["success": true, "message": "登录成功"], headers: headers)
    }

    private func logout() async throws -> Response {
        var headers = Headers()
        headers.append("Set-Cookie", try await sessions.destroy())
        return .json(["success": true, "message": "已退出登录"], headers: headers)
    }
}
