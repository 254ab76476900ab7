import Outpost

/// `POST /api/admin/ranking {topN, amount}`: a code of `amount` to each of the top N of the streak
/// ranking, snapshot kept in `ranking_snapshots`; all or nothing, once per day.
struct RankingRewarder: Sendable {
    let admin: AdminContext
    private var ctx: AppContext { admin.ctx }

    /// Rewards the current top N.
    func reward() async throws -> Response {
        let body = await admin.body()
        guard let topN = body["topN"]?.intValue, (1...100).contains(topN),
            let cents = Money.cents(body["amount"]?.dollarAmount), cents > 0
        else { throw APIError(400, "参数无效") }
        let ranking = (try await RankingService(ctx: ctx).streakFromD1().arrayValue ?? []).prefix(topN)
            .compactMap(\.objectValue)
        guard !ranking.isEmpty else { throw APIError(400, "没有找到目标用户") }
        let available =
            try await ctx.db.prepare(
                "SELECT COUNT(*) AS n FROM redemption_codes WHERE is_distributed = 0 AND amount_cents = ?"
            ).bind(cents).first()?.int("n") ?? 0
        guard available >= ranking.count else {
            throw APIError(400, "可用兑换码不足，需要 \(ranking.count) 个，只有 \(available) 个")
        }
        do {
            _ = try await BatchGuard.run(ctx, try statements(ranking, cents: cents, topN: topN))
        } catch  where BatchGuard.failed(error) {
            throw APIError(409, "可用兑换码不足，发放已取消")
        } catch  where BatchGuard.isUniqueViolation(error) {
            throw APIError(409, "今日排名奖励已发放")
        }
        await ctx.caches.inventory.invalidate()
        await ctx.caches.userStats.invalidate(ranking.map { $0.int("user_id") })
        return AdminContext.ok([
            "message": "排名奖励发放完成",
            "result": [
                "topN": .number(Double(topN)), "rewarded": .number(Double(ranking.count)),
                "users": try await rewardedUsers(),
            ],
        ])
    }

    private func statements(_ ranking: [JSONObject], cents: Int, topN: Int) throws -> [D1PreparedStatement] {
        var statements = [
            try BatchGuard.require(
                ctx, "SELECT COUNT(*) >= ? FROM redemption_codes WHERE is_distributed = 0 AND amount_cents = ?",
                [ranking.count, cents])
        ]
        for entry in ranking {
            let userID = entry.int("user_id")
            statements.append(
                try ctx.db.prepare(
                    """
                    UPDATE redemption_codes SET is_distributed = 1, distributed_to = ?, distributed_by = ?,
                      distributed_at = ?, distribution_type = 'reward'
                    WHERE id = (SELECT id FROM redemption_codes WHERE is_distributed = 0 AND amount_cents = ?
                                ORDER BY created_at ASC, id ASC LIMIT 1) AND is_distributed = 0
                    """
                ).bind(userID, admin.adminID, ctx.nowISO, cents))
            statements.append(
                try ctx.db.prepare(
                    """
                    INSERT INTO ranking_snapshots (snapshot_date, ranking_type, user_id, rank_position, metric_value,
                      reward_amount_cents, is_rewarded, redemption_code, created_at)
                    VALUES (?, 'streak', ?, ?, ?, ?, 1, (SELECT code FROM redemption_codes WHERE distributed_to = ?
                      AND distribution_type = 'reward' AND distributed_at = ? ORDER BY id DESC LIMIT 1), ?)
                    """
                ).bind(
                    ctx.today, userID, entry.int("rank"), entry.int("streak"), cents, userID, ctx.nowISO, ctx.nowISO))
            statements.append(
                try ctx.db.prepare(
                    "UPDATE users SET total_amount_cents = total_amount_cents + ?, updated_at = ? WHERE id = ?"
                ).bind(cents, ctx.nowISO, userID))
        }
        statements.append(
            try ctx.db.prepare(
                """
                INSERT INTO distribution_logs (admin_id, operation_type, target_users, amount_cents, codes_distributed,
                  status, notes, created_at) VALUES (?, 'ranking', ?, ?, ?, 'success', ?, ?)
                """
            ).bind(
                admin.adminID, JSONValue.array(ranking.map { .number(Double($0.int("user_id"))) }).serialized, cents,
                ranking.count, "连续签到排名前\(topN)名奖励", ctx.nowISO))
        statements.append(
            try OperationLog.statement(
                ctx, adminID: admin.adminID, type: "distribute", detail: "排名奖励: 前\(topN)名，每人 $\(Money.text(cents))",
                targetType: "ranking", targetID: ctx.today))
        statements.append(BatchGuard.clear(ctx))
        return statements
    }

    private func rewardedUsers() async throws -> JSONValue {
        let rows = try await ctx.db.prepare(
            """
            SELECT s.user_id AS userId, u.username, s.rank_position AS rank, s.redemption_code AS code,
              s.reward_amount_cents FROM ranking_snapshots s JOIN users u ON u.id = s.user_id
            WHERE s.snapshot_date = ? AND s.ranking_type = 'streak' ORDER BY s.rank_position
            """
        ).bind(ctx.today).all().results
        return .array(rows.map { .object($0.dollars("reward_amount_cents", as: "amount")) })
    }
}
