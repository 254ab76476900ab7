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
        let row = try await ctx.db.prepare(
            "SELECT id, password_hash FROM admins WHERE username = ? AND is_active = 1"
        ).bind(username).first()
        // An unknown username costs the same PBKDF2 work as a wrong password (no timing oracle).
        let hash = row?.string("password_hash") ?? PasswordHasher.decoy(iterations: ctx.settings.pbkdf2Iterations)
        guard PasswordHasher.verify(password, against: hash), let row else {
            ctx.log("admin login refused for a username of \(username.count) characters")
            return .json(["success": false, "message": "用户名或密码错误"])
        }
        let adminID = row.int("id")
        let cookie = try await sessions.create(ownerID: adminID)
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
