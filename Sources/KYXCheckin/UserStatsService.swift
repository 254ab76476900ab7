import Outpost

/// `GET /api/stats`: a user's totals, through the user-stats cache.
struct UserStatsService: Sendable {
    let ctx: AppContext

    /// The stats object of `userID` (`totalDays`, `consecutiveDays`, `maxConsecutiveDays`, `monthlyDays`,
    /// `codeCount`, `totalAmount`, `pendingCount`, `lastCheckinDate`).
    func stats(userID: Int) async throws -> JSONValue {
        try await lookup(userID: userID).value
    }

    /// The stats of `userID` and the level that answered. A miss loads them from D1; stats that today's
    /// check-in is still to change are kept in memory only, as the check-in's base (the check-in writes
    /// them to KV, so a user's stats cost one KV write a day). Any others go to KV. The base is kept
    /// for `baseLifetime` (the time a user may take to click check-in), never past the check-in day: the
    /// check-in checks it against D1's total before building on it.
    ///
    /// The base also answers while it is younger than the family's memory TTL, but only after KV was
    /// asked and held no stats: a check-in — in any process — writes today's stats to KV before it
    /// answers, so KV's miss says none happened since the base was read (a base answered before asking
    /// KV was once seen after a check-in made by another process). A distribution or resolve drops the
    /// base in its own process; another process's copy lives out the memory TTL, as every memory value.
    func lookup(userID: Int) async throws -> (value: JSONValue, source: CacheSource) {
        let cache = ctx.caches.userStats.cache
        let key = UserStatsCache.key(userID)
        let token = cache.fillToken()  // before reading: a check-in meanwhile voids this fill
        let today = ctx.today
        if let cached = await cache.lookup(
            key, servesFromMemory: { $0.objectValue?.string("lastCheckinDate") == today })
        {
            ctx.metrics.d1Avoided(.userStats)
            return cached
        }
        if let base = cache.memoryEntry(key), base.age < Double(cache.memoryTTL) {
            ctx.metrics.d1Avoided(.userStats)
            return (base.value, .memory)
        }
        let fresh = try await fromD1(userID: userID)
        ctx.metrics.d1Executed(.userStats)
        if fresh.objectValue?.string("lastCheckinDate") == ctx.today {
            await cache.put(key, fresh, ttl: lifetime)
        } else {
            cache.rememberBase(
                key, fresh, seconds: min(Self.baseLifetime, ctx.settings.calendar.secondsToEndOfDay(from: ctx.now)),
                since: token)
        }
        return (fresh, .d1)
    }

    /// Seconds the stats read before today's check-in are kept in memory as the check-in's base.
    static let baseLifetime = 900

    /// The stats after today's check-in of `userID`: D1 is already written; a cached entry is updated
    /// in place (write-through, no D1 read), else the stats are recomputed from D1 and cached. A cached
    /// base is used only when its total plus today's code is D1's `userTotalCents` (the user's total
    /// after the check-in): a distribution, resolve or reward made meanwhile — in another process, whose
    /// invalidation this process's memory never saw — changed that total, and the stats come from D1.
    func afterCheckIn(userID: Int, streak: Int, date: String, codeCents: Int?, userTotalCents: Int) async throws
        -> JSONValue
    {
        let cache = ctx.caches.userStats.cache
        let key = UserStatsCache.key(userID)
        let cached = await cache.get(key)?.objectValue
        // A concurrent read may already have cached the stats including today's check-in.
        if let cached, cached.string("lastCheckinDate") == date {
            ctx.metrics.d1Avoided(.userStats)
            return .object(cached)
        }
        let previous = cached.flatMap { Money.cents($0["totalAmount"]?.dollarAmount) }
        guard let cached, let previous, previous + (codeCents ?? 0) == userTotalCents else {
            let fresh = try await fromD1(userID: userID)
            ctx.metrics.d1Executed(.userStats)
            await cache.put(key, fresh, ttl: lifetime)
            return fresh
        }
        ctx.metrics.d1Avoided(.userStats)
        var stats = cached
        func bump(_ name: String, by amount: Int = 1) { stats[name] = .number(Double(cached.int(name) + amount)) }
        bump("totalDays")
        bump("monthlyDays")
        stats["consecutiveDays"] = .number(Double(streak))
        stats["maxConsecutiveDays"] = .number(Double(max(cached.int("maxConsecutiveDays"), streak)))
        stats["lastCheckinDate"] = .string(date)
        if let codeCents {
            bump("codeCount")
            stats["totalAmount"] = .string(Money.text(previous + codeCents))
        } else {
            bump("pendingCount")
        }
        await cache.put(key, .object(stats), ttl: lifetime)
        return .object(stats)
    }

    /// Seconds a KV entry of today's stats may live: the family's TTL, never past the end of the
    /// check-in day (the 30-day count moves at midnight, and tomorrow's check-in must start from D1).
    private var lifetime: Int {
        min(ctx.caches.userStats.cache.ttl, ctx.settings.calendar.secondsToEndOfDay(from: ctx.now))
    }

    private func fromD1(userID: Int) async throws -> JSONValue {
        let since = ctx.settings.calendar.date(ctx.today, minusDays: 30)
        let row =
            try await ctx.db.prepare(
                """
                SELECT u.total_checkins, u.consecutive_checkins, u.max_consecutive_checkins, u.last_checkin_date,
                  (SELECT COUNT(*) FROM check_ins WHERE user_id = u.id AND check_in_date >= ?) AS monthly_days,
                  (SELECT COUNT(*) FROM redemption_codes WHERE distributed_to = u.id) AS code_count,
                  (SELECT COALESCE(SUM(amount_cents), 0) FROM redemption_codes WHERE distributed_to = u.id) AS amount,
                  (SELECT COUNT(*) FROM check_ins WHERE user_id = u.id AND status = 'pending_distribution') AS pending
                FROM users u WHERE u.id = ?
                """
            ).bind(since, userID).first() ?? JSONObject()
        return [
            "totalDays": .number(Double(row.int("total_checkins"))),
            "consecutiveDays": .number(Double(row.int("consecutive_checkins"))),
            "maxConsecutiveDays": .number(Double(row.int("max_consecutive_checkins"))),
            "monthlyDays": .number(Double(row.int("monthly_days"))),
            "codeCount": .number(Double(row.int("code_count"))),
            "totalAmount": .string(Money.text(row.int("amount"))),
            "pendingCount": .number(Double(row.int("pending"))),
            "lastCheckinDate": row.string("last_checkin_date").map { .string($0) } ?? .null,
        ]
    }
}
