import Foundation
import Outpost

/// Codes: list, search, detail, TXT import, generate, delete (undistributed only), inventory.
struct AdminCodeRoutes: Sendable {
    let admin: AdminContext
    private var ctx: AppContext { admin.ctx }

    static let columns = """
        SELECT r.id, r.code, r.amount_cents, r.is_distributed, r.distributed_to, r.distributed_at, r.distributed_by,
          r.distribution_type, r.batch_id, r.created_at, u.username AS distributed_to_username,
          a.username AS distributed_by_admin
        FROM redemption_codes r LEFT JOIN users u ON u.id = r.distributed_to LEFT JOIN admins a ON a.id = r.distributed_by
        """

    /// Answers a codes route, or `nil`.
    func handle(method: String, path: String) async throws -> Response? {
        switch (method, path) {
        case ("GET", "/api/admin/codes"): return try await list()
        case ("GET", "/api/admin/codes/search"): return try await search()
        case ("POST", "/api/admin/codes/import"): return try await CodeImporter(admin: admin).importFile()
        case ("POST", "/api/admin/codes/generate"): return try await CodeImporter(admin: admin).generate()
        case ("POST", "/api/admin/codes/delete"): return try await delete()
        case ("GET", "/api/admin/inventory"):
            return AdminContext.ok(["inventory": try await InventoryService(ctx: ctx).inventory()])
        default:
            if method == "GET", path.hasPrefix("/api/admin/codes/"), let id = Int(path.dropFirst(17)) {
                return try await detail(id)
            }
            return nil
        }
    }

    private func list() async throws -> Response {
        let page = try Pagination(request: ctx.request)
        let status = ctx.request.query("status")
        let filter =
            status == "distributed"
            ? "WHERE r.is_distributed = 1" : status == "undistributed" ? "WHERE r.is_distributed = 0" : ""
        let total =
            try await ctx.db.prepare("SELECT COUNT(*) AS n FROM redemption_codes r \(filter)").first()?.int("n") ?? 0
        let rows = try await ctx.db.prepare(
            Self.columns + " \(filter) ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?"
        ).bind(page.limit, page.offset).all().results
        return AdminContext.ok(["codes": Self.money(rows), "pagination": page.with(total: total).json])
    }

    private func search() async throws -> Response {
        let query = (ctx.request.query("q") ?? "").trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { throw APIError(400, "搜索关键词不能为空") }
        let pattern =
            "%" + query.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let rows = try await ctx.db.prepare(
            Self.columns
                + " WHERE r.code LIKE ? ESCAPE '\\' OR u.username LIKE ? ESCAPE '\\' ORDER BY r.created_at DESC LIMIT 100"
        ).bind(pattern, pattern).all().results
        return AdminContext.ok(["codes": Self.money(rows)])
    }

    private func detail(_ id: Int) async throws -> Response {
        guard let row = try await ctx.db.prepare(Self.columns + " WHERE r.id = ?").bind(id).first() else {
            throw APIError(404, "兑换码不存在")
        }
        return AdminContext.ok(["code": .object(row.dollars("amount_cents", as: "amount"))])
    }

    private func delete() async throws -> Response {
        guard let id = await admin.body()["codeId"]?.intValue else { throw APIError(400, "参数不完整") }
        guard
            let row = try await ctx.db.prepare("SELECT code, is_distributed FROM redemption_codes WHERE id = ?")
                .bind(id).first()
        else { throw APIError(404, "兑换码不存在") }
        let results = try await ctx.db.batch([
            try ctx.db.prepare("DELETE FROM redemption_codes WHERE id = ? AND is_distributed = 0").bind(id),
            try OperationLog.statement(
                ctx, adminID: admin.adminID, type: "delete", detail: "删除兑换码: \(row.string("code") ?? "")",
                targetType: "code", targetID: String(id)),
        ])
        guard results[0].meta.changes == 1 else { throw APIError(400, "已使用或已发放的兑换码不能删除") }
        await ctx.caches.inventory.invalidate()
        return AdminContext.ok(["message": "兑换码删除成功"])
    }

    /// Code rows with `amount` in dollars.
    static func money(_ rows: [JSONObject]) -> JSONValue {
        .array(rows.map { .object($0.dollars("amount_cents", as: "amount")) })
    }
}
