import Outpost

/// Resolves pending check-ins oldest first: each gets the smallest code ≥ its reward (oldest first),
/// is marked completed, and its user's amount is updated — one atomic batch per row.
struct PendingResolver: Sendable {
    let admin: AdminContext
    private var ctx: AppContext { admin.ctx }

    /// `POST /api/admin/pending/resolve`.
    func resolve() async throws -> Response {
        let rows = try await ctx.db.prepare(
            """
            SELECT id, user_id, total_amount_cents FROM check_ins WHERE status = 'pending_distribution'
            ORDER BY created_at ASC, id ASC
            """
        ).all().results
        guard !rows.isEmpty else { return AdminContext.ok(["message": "没有待分配的记录", "resolved": 0]) }
        let stock =
            try await ctx.db.prepare("SELECT COUNT(*) AS n FROM redemption_codes WHERE is_distributed = 0")
            .first()?.int("n") ?? 0
        guard stock > 0 else { throw APIError(400, "没有可用的兑换码库存") }
        var resolvedUsers: [Int] = []
        for row in rows {
            if try await resolve(row) { resolvedUsers.append(row.int("user_id")) }
        }
        try await log(resolvedUsers, total: rows.count)
        await ctx.caches.inventory.invalidate()
        await ctx.caches.userStats.invalidate(Array(Set(resolvedUsers)))
        return AdminContext.ok([
            "message": .string("成功补发 \(resolvedUsers.count) 个兑换码"),
            "resolved": .number(Double(resolvedUsers.count)), "total": .number(Double(rows.count)),
        ])
    }

    /// Resolves one pending row; answers whether a code was assigned.
    private func resolve(_ row: JSONObject) async throws -> Bool {
        let checkInID = row.int("id")
        let userID = row.int("user_id")
        let results = try await ctx.db.batch([
            try ctx.db.prepare(
                """
                UPDATE redemption_codes SET is_distributed = 1, distributed_to = ?, distributed_by = ?, distributed_at = ?,
                  distribution_type = 'pending_resolve', checkin_id = ?
                WHERE id = (SELECT id FROM redemption_codes WHERE is_distributed = 0 AND amount_cents >= ?
                            ORDER BY amount_cents ASC, created_at ASC, id ASC LIMIT 1)
                  AND is_distributed = 0
                  AND EXISTS (SELECT 1 FROM check_ins WHERE id = ? AND status = 'pending_distribution')
                """
            ).bind(userID, admin.adminID, ctx.nowISO, checkInID, row.int("total_amount_cents"), checkInID),
            try ctx.db.prepare(
                """
                UPDATE check_ins SET redemption_code = (SELECT code FROM redemption_codes WHERE checkin_id = ?),
                  status = 'completed', resolved_at = ?
                WHERE id = ? AND changes() = 1
                """
            ).bind(checkInID, ctx.nowISO, checkInID),
            try ctx.db.prepare(
                """
                UPDATE users SET total_amount_cents = total_amount_cents
                  + (SELECT amount_cents FROM redemption_codes WHERE checkin_id = ?), updated_at = ?
                WHERE id = ? AND changes() = 1
                """
            ).bind(checkInID, ctx.nowISO, userID),
        ])
        return results[0].meta.changes == 1
    }

    private func log(_ users: [Int], total: Int) async throws {
        _ = try await ctx.db.batch([
            try ctx.db.prepare(
                """
                INSERT INTO distribution_logs (admin_id, operation_type, target_users, codes_distributed, codes_failed,
                  status, notes, created_at) VALUES (?, 'pending_resolve', ?, ?, ?, ?, ?, ?)
                """
            ).bind(
                admin.adminID, JSONValue.array(users.map { .number(Double($0)) }).serialized, users.count,
                total - users.count, users.count == total ? "success" : "partial",
                "补发待分配兑换码，成功: \(users.count), 失败: \(total - users.count)", ctx.nowISO),
            try OperationLog.statement(
                ctx, adminID: admin.adminID, type: "distribute", detail: "补发待分配兑换码: \(users.count)/\(total)",
                targetType: "checkin", targetID: nil),
        ])
    }
}
