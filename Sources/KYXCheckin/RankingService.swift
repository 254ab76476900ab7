import Outpost

/// The rankings: today's check-ins in order of time (早起榜) and the top current streaks, cached in KV
/// (`ranking:<date>:today`, `ranking:streak`) and recomputed by cron every 5 minutes.
struct RankingService: Sendable {
    let ctx: AppContext
    static let limit = 50

    /// `today` or `streak`, through the ranking cache.
    func ranking(type: String) async throws -> JSONValue {
        try await lookup(type: type).value
    }

    /// `today` or `streak` and the level that answered.
    func lookup(type: String) async throws -> (value: JSONValue, source: CacheSource) {
        if type == "streak" {
            return try await ctx.caches.rankings.ranking(key: RankingCache.streakKey) { try await streakFromD1() }
        }
        return try await ctx.caches.rankings.ranking(key: RankingCache.todayKey(ctx.today)) {
            try await todayFromD1()
        }
    }

    /// Recomputes both rankings from D1 into KV (cron, warm-up).
    func refresh() async throws {
        await ctx.caches.rankings.store(key: RankingCache.todayKey(ctx.today), try await todayFromD1())
        await ctx.caches.rankings.store(key: RankingCache.streakKey, try await streakFromD1())
    }

    /// Today's check-ins, earliest first.
    func todayFromD1() async throws -> JSONValue {
        let rows = try await ctx.db.prepare(
            """
            SELECT u.id AS user_id, u.username, u.avatar_url, ci.consecutive_days AS streak, ci.check_in_time AS time
            FROM check_ins ci JOIN users u ON u.id = ci.user_id
            WHERE ci.check_in_date = ? ORDER BY ci.check_in_time ASC, ci.id ASC LIMIT ?
            """
        ).bind(ctx.today, Self.limit).all().results
        return Self.ranked(rows)
    }

    /// The longest current streaks (a streak is current when the last check-in is recent enough to continue).
    func streakFromD1() async throws -> JSONValue {
        let oldest = ctx.settings.calendar.date(ctx.today, minusDays: 1 + ctx.settings.maxBreakDays)
        let rows = try await ctx.db.prepare(
            """
            SELECT id AS user_id, username, avatar_url, consecutive_checkins AS streak,
              last_checkin_date AS time
            FROM users WHERE is_active = 1 AND last_checkin_date >= ? AND consecutive_checkins > 0
            ORDER BY consecutive_checkins DESC, last_checkin_date ASC, id ASC LIMIT ?
            """
        ).bind(oldest, Self.limit).all().results
        return Self.ranked(rows)
    }

    private static func ranked(_ rows: [JSONObject]) -> JSONValue {
        .array(
            rows.enumerated().map { index, row in
                var entry = row
                entry["rank"] = .number(Double(index + 1))
                entry["avatar"] = row["avatar_url"] ?? .null
                return .object(entry)
            })
    }
}
