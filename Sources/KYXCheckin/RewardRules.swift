import Outpost

/// The check-in reward: the base amount plus the consecutive bonus whose `condition_value` equals
/// the day's streak (milestone paid on that day).
struct RewardRules: Sendable, Equatable {
    /// `{reward_type, condition_value, amount_cents}` of every active row.
    let rows: [JSONObject]

    /// The base amount in cents (sum of active base rows).
    var baseCents: Int { rows.filter { $0.string("reward_type") == "base" }.reduce(0) { $0 + $1.int("amount_cents") } }

    /// The bonus in cents for a streak of `days`.
    func bonusCents(streak days: Int) -> Int {
        rows.filter { $0.string("reward_type") == "consecutive" && $0.int("condition_value") == days }
            .reduce(0) { $0 + $1.int("amount_cents") }
    }

    /// The active rewards: the config cache, else D1.
    static func load(_ ctx: AppContext) async throws -> RewardRules {
        let value = try await ctx.caches.config.rewards { try await fromD1(ctx.db) }
        return RewardRules(rows: (value.arrayValue ?? []).compactMap(\.objectValue))
    }

    /// The active rewards straight from D1, as cached.
    static func fromD1(_ db: D1Database) async throws -> JSONValue {
        let result = try await db.prepare(
            """
            SELECT id, reward_type, condition_value, amount_cents, description, is_active FROM checkin_rewards
            WHERE is_active = 1 ORDER BY reward_type, condition_value
            """
        ).all()
        return .array(result.results.map { .object($0) })
    }
}
