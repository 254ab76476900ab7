import Outpost

/// Distribution to users (all or nothing), the pending list and its resolution, and ranking rewards.
struct AdminDistributionRoutes: Sendable {
    let admin: AdminContext
    private var ctx: AppContext { admin.ctx }

    /// Answers a distribution route, or `nil`.
    func handle(method: String, path: String) async throws -> Response? {
        switch (method, path) {
        case ("POST", "/api/admin/distribute"): return try await distribute()
        case ("GET", "/api/admin/pending"): return try await pending()
        case ("POST", "/api/admin/pending/resolve"), ("POST", "/api/admin/distribute/pending"):
            return try await PendingResolver(admin: admin).resolve()
        case ("POST", "/api/admin/ranking"): return try await RankingRewarder(admin: admin).reward()
        default: return nil
        }
    }

    private func distribute() async throws -> Response {
        let body = await admin.body()
        let type = body.string("type") ?? ""
        let cents = Money.cents(body["amount"]?.dollarAmount)
        let userIDs: [Int]
        switch type {
        case "all":
            userIDs = try await ctx.db.prepare("SELECT id FROM users WHERE is_active = 1 ORDER BY id").all().results
                .map { $0.int("id") }
        case "selected":
            userIDs = Array(Set((body["userIds"]?.arrayValue ?? []).compactMap(\.intValue))).sorted()
            guard !userIDs.isEmpty else { throw APIError(400, "无效的发放类型或用户列表") }
            let known = try await countActive(userIDs)
            guard known == userIDs.count else { throw APIError(400, "没有找到目标用户") }
        default: throw APIError(400, "无效的发放类型或用户列表")
        }
        guard !userIDs.isEmpty else { throw APIError(400, "没有找到目标用户") }
        let available = try await availableCount(cents: cents)
        guard available >= userIDs.count else {
            throw APIError(400, "可用兑换码不足，需要 \(userIDs.count) 个，只有 \(available) 个")
        }
        try await run(userIDs: userIDs, cents: cents, type: type)
        await ctx.caches.inventory.invalidate()
        await ctx.caches.userStats.invalidate(userIDs)
        return AdminContext.ok([
            "message": "批量发放完成",
            "result": [
                "distributed": .number(Double(userIDs.count)), "failed": 0,
                "totalUsers": .number(Double(userIDs.count)),
            ],
        ])
    }

    private func countActive(_ ids: [Int]) async throws -> Int {
        var total = 0
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(ids.count, start + 90)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            total +=
                try await ctx.db.prepare(
                    "SELECT COUNT(*) AS n FROM users WHERE is_active = 1 AND id IN (\(placeholders))"
                ).bind(chunk).first()?.int("n") ?? 0
            start += 90
        }
        return total
    }

    private func availableCount(cents: Int?) async throws -> Int {
        let query =
            cents == nil
            ? ctx.db.prepare("SELECT COUNT(*) AS n FROM redemption_codes WHERE is_distributed = 0")
            : try ctx.db.prepare(
                "SELECT COUNT(*) AS n FROM redemption_codes WHERE is_distributed = 0 AND amount_cents = ?"
            )
            .bind(cents ?? 0)
        return try await query.first()?.int("n") ?? 0
    }

    /// One batch: a stock guard, one claim per user, the distribution log; any shortfall rolls all back.
    private func run(userIDs: [Int], cents: Int?, type: String) async throws {
        let amountFilter = " AND (? IS NULL OR amount_cents = ?)"
        var statements = [
            try BatchGuard.require(
                ctx, "SELECT COUNT(*) >= ? FROM redemption_codes WHERE is_distributed = 0" + amountFilter,
                [userIDs.count, cents, cents])
        ]
        for userID in userIDs {
            statements.append(
                try ctx.db.prepare(
                    """
                    UPDATE redemption_codes SET is_distributed = 1, distributed_to = ?, distributed_by = ?,
                      distributed_at = ?, distribution_type = 'batch'
                    WHERE id = (SELECT id FROM redemption_codes WHERE is_distributed = 0\(amountFilter)
                                ORDER BY created_at ASC, id ASC LIMIT 1) AND is_distributed = 0
                    """
                ).bind(userID, admin.adminID, ctx.nowISO, cents, cents))
            statements.append(
                try ctx.db.prepare(
                    """
                    UPDATE users SET total_amount_cents = total_amount_cents + (SELECT amount_cents FROM redemption_codes
                      WHERE distributed_to = ? AND distributed_at = ? AND distribution_type = 'batch'
                      ORDER BY id DESC LIMIT 1) WHERE id = ?
                    """
                ).bind(userID, ctx.nowISO, userID))
        }
        statements.append(
            try ctx.db.prepare(
                """
                INSERT INTO distribution_logs (admin_id, operation_type, target_users, amount_cents, codes_distributed,
                  codes_failed, status, notes, created_at) VALUES (?, ?, ?, ?, ?, 0, 'success', ?, ?)
                """
            ).bind(
                admin.adminID, type == "all" ? "unified" : "manual",
                JSONValue.array(userIDs.map { .number(Double($0)) }).serialized, cents, userIDs.count,
                "批量发放兑换码，成功: \(userIDs.count), 失败: 0", ctx.nowISO))
        statements.append(
            try OperationLog.statement(
                ctx, adminID: admin.adminID, type: "distribute", detail: "批量发放兑换码: \(userIDs.count) 个",
                targetType: "user", targetID: type))
        statements.append(BatchGuard.clear(ctx))
        do {
            _ = try await BatchGuard.run(ctx, statements)
        } catch  where BatchGuard.failed(error) {
            throw APIError(409, "可用兑换码不足，发放已取消")
        }
    }

    private func pending() async throws -> Response {
        let rows = try await ctx.db.prepare(
            """
            SELECT ci.id, ci.user_id, u.username, ci.check_in_date, ci.check_in_time, ci.consecutive_days,
              ci.total_amount_cents, ci.created_at
            FROM check_ins ci JOIN users u ON u.id = ci.user_id
            WHERE ci.status = 'pending_distribution' ORDER BY ci.created_at ASC, ci.id ASC LIMIT 500
            """
        ).all().results
        return AdminContext.ok([
            "pending": .array(rows.map { .object($0.dollars("total_amount_cents", as: "reward_amount")) }),
            "total": .number(Double(rows.count)),
        ])
    }
}
