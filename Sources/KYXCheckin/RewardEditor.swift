import Outpost

/// `POST /api/admin/rewards {reward_type, condition_value, amount, description?, is_active?}`: upsert on
/// `(reward_type, condition_value)`, logged, then the config cache invalidated.
struct RewardEditor: Sendable {
    let admin: AdminContext
    private var ctx: AppContext { admin.ctx }

    /// Applies the edit.
    func update() async throws -> Response {
        let body = await admin.body()
        guard let type = body.string("reward_type"), ["base", "consecutive"].contains(type),
            let cents = Money.cents(body["amount"]?.dollarAmount), cents >= 0
        else { throw APIError(400, "参数无效") }
        let condition = type == "base" ? 0 : (body["condition_value"]?.integer(in: 0...36_500) ?? -1)
        guard condition >= 0 else { throw APIError(400, "参数无效") }
        let active = body["is_active"]?.boolValue ?? (body["is_active"]?.intValue.map { $0 != 0 } ?? true)
        _ = try await ctx.db.batch([
            try ctx.db.prepare(
                """
                INSERT INTO checkin_rewards (reward_type, condition_value, amount_cents, description, is_active, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (reward_type, condition_value) DO UPDATE SET amount_cents = excluded.amount_cents,
                  description = COALESCE(excluded.description, description), is_active = excluded.is_active,
                  updated_at = excluded.updated_at
                """
            ).bind(type, condition, cents, body.string("description"), active, ctx.nowISO),
            try OperationLog.statement(
                ctx, adminID: admin.adminID, type: "config",
                detail: "更新奖励配置: \(type) \(condition) → $\(Money.text(cents))\(active ? "" : "（停用）")",
                targetType: "config", targetID: "\(type):\(condition)"),
        ])
        await ctx.caches.config.invalidate()
        return AdminContext.ok(["message": "奖励配置已更新"])
    }
}
