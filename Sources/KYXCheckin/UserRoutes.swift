import Outpost

/// The user API (`/api/*`), shapes and messages as the original V6 user worker.
struct UserRoutes: Sendable {
    let ctx: AppContext

    private var sessions: SessionStore { SessionStore(ctx: ctx, kind: .user) }

    /// Answers `method path`, or `nil` when the route is not a user API route.
    func handle(method: String, path: String) async throws -> Response? {
        switch (method, path) {
        case ("GET", "/api/user"): return try await user()
        case ("POST", "/api/logout"): return try await logout()
        case ("POST", "/api/checkin"): return try await checkIn()
        case ("GET", "/api/checkin/status"): return try await status()
        case ("GET", "/api/stats"): return try await stats()
        case ("GET", "/api/codes/recent"): return try await recentCodes()
        case ("GET", "/api/ranking"): return try await ranking()
        default: return try await ModalRoutes(ctx: ctx, sessions: sessions).handle(method: method, path: path)
        }
    }

    private func user() async throws -> Response {
        let id = try await sessions.requireOwner()
        guard
            let row = try await ctx.db.prepare(
                """
                SELECT id, username, linux_do_id, email, avatar_url, trust_level, total_checkins,
                  consecutive_checkins, max_consecutive_checkins, total_amount_cents, last_checkin_date
                FROM users WHERE id = ?
                """
            ).bind(id).first()
        else { throw APIError.invalidSession }
        return .json(["success": true, "user": .object(row.dollars("total_amount_cents", as: "total_amount"))])
    }

    private func logout() async throws -> Response {
        try CSRFGuard.check(ctx.request)
        var headers = Headers()
        headers.append("Set-Cookie", try await sessions.destroy())
        return .redirect("/login", headers: headers)
    }

    private func checkIn() async throws -> Response {
        try CSRFGuard.check(ctx.request)
        let id = try await sessions.requireOwner()
        do {
            return .json(try await CheckinService(ctx: ctx).checkIn(userID: id))
        } catch let error as APIError {
            throw error
        } catch {
            ctx.log("check-in failed: \(error)")
            throw APIError(500, "签到失败: \(error)")
        }
    }

    private func status() async throws -> Response {
        let id = try await sessions.requireOwner()
        let row = try await CheckinService(ctx: ctx).todaysRow(userID: id, date: ctx.today)
        return .json([
            "success": true, "checkedIn": .bool(row != nil), "today": .string(ctx.today),
            "checkIn": row.map { .object(Self.money($0)) } ?? .null,
        ])
    }

    private func stats() async throws -> Response {
        let id = try await sessions.requireOwner()
        let stats = try await UserStatsService(ctx: ctx).lookup(userID: id)
        return .json(
            ["success": true, "stats": stats.value], headers: [CacheSource.header: stats.source.rawValue])
    }

    private func recentCodes() async throws -> Response {
        let id = try await sessions.requireOwner()
        let pagination = try Pagination(request: ctx.request, defaultLimit: 5, maxLimit: 50)
        let total =
            try await ctx.db.prepare("SELECT COUNT(*) AS n FROM redemption_codes WHERE distributed_to = ?")
            .bind(id).first()?.int("n") ?? 0
        let rows = try await ctx.db.prepare(
            """
            SELECT code, amount_cents, distributed_at AS created_at, distribution_type FROM redemption_codes
            WHERE distributed_to = ? ORDER BY distributed_at DESC, id DESC LIMIT ? OFFSET ?
            """
        ).bind(id, pagination.limit, pagination.offset).all().results
        return .json([
            "success": true, "codes": .array(rows.map { .object($0.dollars("amount_cents", as: "amount")) }),
            "pagination": pagination.with(total: total).json,
        ])
    }

    private func ranking() async throws -> Response {
        _ = try await sessions.requireOwner()
        let type = ctx.request.query("type") == "streak" ? "streak" : "today"
        let ranking = try await RankingService(ctx: ctx).lookup(type: type)
        return .json(
            ["success": true, "type": .string(type), "ranking": ranking.value],
            headers: [CacheSource.header: ranking.source.rawValue])
    }

    /// A check-in row with its cent columns as dollars.
    static func money(_ row: JSONObject) -> JSONObject {
        row.dollars("base_amount_cents", as: "base_amount").dollars("bonus_amount_cents", as: "bonus_amount")
            .dollars("total_amount_cents", as: "total_amount")
    }
}
