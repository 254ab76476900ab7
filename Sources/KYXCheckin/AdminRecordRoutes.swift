import Foundation
import Outpost

/// Users, check-ins, reward config and logs.
struct AdminRecordRoutes: Sendable {
    let admin: AdminContext
    private var ctx: AppContext { admin.ctx }

    static let userColumns = """
        SELECT u.id, u.linux_do_id, u.username, u.email, u.avatar_url, u.trust_level, u.total_checkins,
          u.consecutive_checkins, u.max_consecutive_checkins, u.total_amount_cents, u.last_checkin_date,
          u.last_login_at, u.created_at, u.is_active,
          (SELECT COUNT(*) FROM redemption_codes WHERE distributed_to = u.id) AS code_count
        FROM users u
        """

    /// Answers a records route, or `nil`.
    func handle(method: String, path: String) async throws -> Response? {
        switch (method, path) {
        case ("GET", "/api/admin/users"): return try await users()
        case ("GET", "/api/admin/users/search"): return try await searchUsers()
        case ("GET", "/api/admin/checkins"): return try await checkIns()
        case ("GET", "/api/admin/rewards"): return try await rewards()
        case ("POST", "/api/admin/rewards"): return try await RewardEditor(admin: admin).update()
        case ("GET", "/api/admin/logs/operations"): return try await logs(table: "operation_logs", key: "logs")
        case ("GET", "/api/admin/logs/distributions"): return try await logs(table: "distribution_logs", key: "logs")
        default:
            if method == "GET", path.hasPrefix("/api/admin/users/") {
                guard let id = Int(path.dropFirst(17)) else { throw APIError(400, "用户ID无效") }
                return try await user(id)
            }
            return nil
        }
    }

    private func users() async throws -> Response {
        let page = try Pagination(request: ctx.request)
        let total = try await ctx.db.prepare("SELECT COUNT(*) AS n FROM users").first()?.int("n") ?? 0
        let rows = try await ctx.db.prepare(
            Self.userColumns + " ORDER BY u.created_at DESC, u.id DESC LIMIT ? OFFSET ?"
        )
        .bind(page.limit, page.offset).all().results
        return AdminContext.ok(["users": Self.money(rows), "pagination": page.with(total: total).json])
    }

    private func searchUsers() async throws -> Response {
        let query = (ctx.request.query("q") ?? "").trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { throw APIError(400, "搜索关键词不能为空") }
        let pattern =
            "%" + query.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let rows = try await ctx.db.prepare(
            Self.userColumns
                + " WHERE u.username LIKE ? ESCAPE '\\' OR CAST(u.id AS TEXT) = ? OR CAST(u.linux_do_id AS TEXT) = ? LIMIT 100"
        ).bind(pattern, query, query).all().results
        return AdminContext.ok(["users": Self.money(rows)])
    }

    private func user(_ id: Int) async throws -> Response {
        guard let row = try await ctx.db.prepare(Self.userColumns + " WHERE u.id = ?").bind(id).first() else {
            throw APIError(404, "用户不存在")
        }
        let checkIns = try await ctx.db.prepare(
            "SELECT * FROM check_ins WHERE user_id = ? ORDER BY check_in_time DESC LIMIT 20"
        ).bind(id).all().results
        let codes = try await ctx.db.prepare(
            """
            SELECT id, code, amount_cents, distributed_at, distribution_type FROM redemption_codes
            WHERE distributed_to = ? ORDER BY distributed_at DESC LIMIT 20
            """
        ).bind(id).all().results
        return AdminContext.ok([
            "user": .object(row.dollars("total_amount_cents", as: "total_amount")),
            "checkins": .array(checkIns.map { .object(UserRoutes.money($0)) }),
            "codes": AdminCodeRoutes.money(codes),
        ])
    }

    private func checkIns() async throws -> Response {
        let page = try Pagination(request: ctx.request)
        let userID = try ctx.request.optionalInteger("user_id", in: 1...Int.max)
        let status = ctx.request.query("status").flatMap { $0.isEmpty ? nil : $0 }
        let from = ctx.request.query("date_from").flatMap { $0.isEmpty ? nil : $0 }
        let to = ctx.request.query("date_to").flatMap { $0.isEmpty ? nil : $0 }
        let filter = """
             WHERE (? IS NULL OR c.user_id = ?) AND (? IS NULL OR c.status = ?)
              AND (? IS NULL OR c.check_in_date >= ?) AND (? IS NULL OR c.check_in_date <= ?)
            """
        let values: [any D1Bindable] = [userID, userID, status, status, from, from, to, to]
        let total =
            try await ctx.db.prepare("SELECT COUNT(*) AS n FROM check_ins c" + filter).bind(values).first()?.int("n")
            ?? 0
        let rows = try await ctx.db.prepare(
            """
            SELECT c.*, u.username, u.linux_do_id, u.avatar_url, r.amount_cents AS code_amount_cents
            FROM check_ins c JOIN users u ON u.id = c.user_id LEFT JOIN redemption_codes r ON r.checkin_id = c.id
            """ + filter + " ORDER BY c.check_in_time DESC, c.id DESC LIMIT ? OFFSET ?"
        ).bind(values + [page.limit, page.offset]).all().results
        return AdminContext.ok([
            "checkins": .array(
                rows.map { .object(UserRoutes.money($0).dollars("code_amount_cents", as: "code_amount")) }),
            "pagination": page.with(total: total).json,
        ])
    }

    private func rewards() async throws -> Response {
        let rows = try await ctx.db.prepare(
            "SELECT * FROM checkin_rewards ORDER BY reward_type, condition_value"
        ).all().results
        return AdminContext.ok(["rewards": .array(rows.map { .object($0.dollars("amount_cents", as: "amount")) })])
    }

    private func logs(table: String, key: String) async throws -> Response {
        let page = try Pagination(request: ctx.request)
        let sql =
            table == "operation_logs"
            ? """
            SELECT l.*, a.username AS operator_name FROM operation_logs l
            LEFT JOIN admins a ON l.operator_type = 'admin' AND a.id = l.operator_id
            ORDER BY l.id DESC LIMIT ? OFFSET ?
            """
            : """
            SELECT l.*, a.username AS admin_name FROM distribution_logs l LEFT JOIN admins a ON a.id = l.admin_id
            ORDER BY l.id DESC LIMIT ? OFFSET ?
            """
        let countSQL =
            table == "operation_logs"
            ? "SELECT COUNT(*) AS n FROM operation_logs" : "SELECT COUNT(*) AS n FROM distribution_logs"
        let total = try await ctx.db.prepare(countSQL).first()?.int("n") ?? 0
        let rows = try await ctx.db.prepare(sql).bind(page.limit, page.offset).all().results
        return AdminContext.ok([key: .array(rows.map { .object($0) }), "pagination": page.with(total: total).json])
    }

    static func money(_ rows: [JSONObject]) -> JSONValue {
        .array(rows.map { .object($0.dollars("total_amount_cents", as: "total_amount")) })
    }
}
