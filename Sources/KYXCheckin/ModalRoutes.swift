import Foundation
import Outpost

/// `GET /api/modal/check`, `POST /api/modal/display`, `POST /api/modal/dismiss` (one-time popups).
struct ModalRoutes: Sendable {
    let ctx: AppContext
    let sessions: SessionStore

    /// Answers a modal route, or `nil`.
    func handle(method: String, path: String) async throws -> Response? {
        switch (method, path) {
        case ("GET", "/api/modal/check"): return try await check()
        case ("POST", "/api/modal/display"): return try await display()
        case ("POST", "/api/modal/dismiss"): return try await dismiss()
        default: return nil
        }
    }

    private func check() async throws -> Response {
        let userID = try await sessions.requireOwner()
        guard let type = ctx.request.query("type"), let key = ctx.request.query("key"), !type.isEmpty, !key.isEmpty
        else { throw APIError(400, "缺少必要参数") }
        let config = try await ctx.db.prepare("SELECT * FROM modal_configs WHERE modal_type = ?").bind(type).first()
        let enabled = config.map { $0.int("is_enabled") == 1 } ?? true
        let maxCount = config?.int("max_display_count") ?? 1
        let log = try await ctx.db.prepare(
            "SELECT * FROM modal_display_logs WHERE user_id = ? AND modal_type = ? AND modal_key = ?"
        ).bind(userID, type, key).first()
        let count = log?.int("display_count") ?? 0
        let reason = self.reason(enabled: enabled, maxCount: maxCount, log: log, config: config)
        return .json([
            "success": true, "should_display": .bool(reason == "allowed"), "reason": .string(reason),
            "display_count": .number(Double(count)), "max_count": .number(Double(maxCount)),
        ])
    }

    private func reason(enabled: Bool, maxCount: Int, log: JSONObject?, config: JSONObject?) -> String {
        guard enabled else { return "disabled" }
        guard let log else { return "allowed" }
        if log.int("display_count") >= maxCount { return "max_reached" }
        if log.int("is_dismissed") == 1 { return "dismissed" }
        let cooldown = config?.int("cooldown_minutes") ?? 0
        if cooldown > 0, let last = log.string("last_displayed_at").flatMap(DayCalendar.parseISO),
            last.addingTimeInterval(Double(cooldown) * 60) > ctx.now
        {
            return "cooldown"
        }
        return "allowed"
    }

    private func display() async throws -> Response {
        try CSRFGuard.check(ctx.request)
        let userID = try await sessions.requireOwner()
        let body = await ctx.jsonBody()
        guard let type = body.string("type"), let key = body.string("key") else { throw APIError(400, "缺少必要参数") }
        _ = try await ctx.db.prepare(
            """
            INSERT INTO modal_display_logs (user_id, modal_type, modal_key, display_count, first_displayed_at,
              last_displayed_at) VALUES (?, ?, ?, 1, ?, ?)
            ON CONFLICT (user_id, modal_type, modal_key) DO UPDATE SET display_count = display_count + 1,
              last_displayed_at = excluded.last_displayed_at
            """
        ).bind(userID, type, key, ctx.nowISO, ctx.nowISO).run()
        return .json(["success": true, "message": "弹窗显示已记录"])
    }

    private func dismiss() async throws -> Response {
        try CSRFGuard.check(ctx.request)
        let userID = try await sessions.requireOwner()
        let body = await ctx.jsonBody()
        guard let type = body.string("type"), let key = body.string("key") else { throw APIError(400, "缺少必要参数") }
        _ = try await ctx.db.prepare(
            """
            INSERT INTO modal_display_logs (user_id, modal_type, modal_key, display_count, is_dismissed, dismissed_at)
            VALUES (?, ?, ?, 0, 1, ?)
            ON CONFLICT (user_id, modal_type, modal_key) DO UPDATE SET is_dismissed = 1,
              dismissed_at = excluded.dismissed_at
            """
        ).bind(userID, type, key, ctx.nowISO).run()
        return .json(["success": true, "message": "弹窗已标记为关闭"])
    }
}
