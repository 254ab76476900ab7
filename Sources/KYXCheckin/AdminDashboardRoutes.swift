import Outpost

/// Dashboard stats, monitoring figures and cache actions.
struct AdminDashboardRoutes: Sendable {
    let admin: AdminContext
    private var ctx: AppContext { admin.ctx }

    /// Answers a dashboard route, or `nil`.
    func handle(method: String, path: String) async throws -> Response? {
        switch (method, path) {
        case ("GET", "/api/admin/stats"): return AdminContext.ok(["stats": try await stats()])
        case ("GET", "/api/admin/metrics"), ("GET", "/api/admin/cache/metrics"): return try await metrics()
        case ("GET", "/api/admin/charts"): return try await charts()
        case ("POST", "/api/admin/cache/warmup"): return try await warmUp()
        case ("POST", "/api/admin/cache/purge"): return try await purge()
        default: return nil
        }
    }

    /// The dashboard stats, cached briefly under `cache:admin_stats`.
    private func stats() async throws -> JSONValue {
        try await ctx.caches.general.value("admin_stats") {
            let since = ctx.settings.calendar.date(ctx.today, minusDays: 30)
            let row =
                try await ctx.db.prepare(
                    """
                    SELECT (SELECT COUNT(*) FROM redemption_codes) AS total,
                      (SELECT COUNT(*) FROM redemption_codes WHERE is_distributed = 0) AS undistributed,
                      (SELECT COUNT(*) FROM redemption_codes WHERE is_distributed = 1) AS distributed,
                      (SELECT COUNT(*) FROM users WHERE is_active = 1) AS total_users,
                      (SELECT COUNT(*) FROM check_ins WHERE check_in_date >= ?) AS total_checkins,
                      (SELECT COUNT(DISTINCT user_id) FROM check_ins WHERE check_in_date >= ?) AS active_users,
                      (SELECT COUNT(DISTINCT check_in_date) FROM check_ins WHERE check_in_date >= ?) AS active_days,
                      (SELECT COUNT(*) FROM check_ins WHERE status = 'pending_distribution') AS pending,
                      (SELECT COUNT(*) FROM check_ins WHERE check_in_date = ?) AS today_checkins
                    """
                ).bind(since, since, since, ctx.today).first() ?? JSONObject()
            ctx.metrics.recordPending(row.int("pending"))
            return .object(row)
        }
    }

    /// Cache, D1 and route figures plus daily active users and today's completion rate.
    private func metrics() async throws -> Response {
        let row =
            try await ctx.db.prepare(
                """
                SELECT (SELECT COUNT(*) FROM check_ins WHERE check_in_date = ?) AS checked_in,
                  (SELECT COUNT(DISTINCT user_id) FROM sessions WHERE expires_at > ?) AS active_sessions,
                  (SELECT COUNT(*) FROM users WHERE is_active = 1) AS users
                """
            ).bind(ctx.today, ctx.nowISO).first() ?? JSONObject()
        let checkedIn = row.int("checked_in")
        let users = row.int("users")
        var figures = ctx.metrics.json.objectValue ?? JSONObject()
        figures["business"] = [
            "date": .string(ctx.today), "dailyActiveUsers": .number(Double(checkedIn)),
            "activeSessions": .number(Double(row.int("active_sessions"))), "users": .number(Double(users)),
            "checkinCompletionRate": .number(users == 0 ? 0 : Double(checkedIn) / Double(users)),
        ]
        return AdminContext.ok(["metrics": .object(figures)])
    }

    /// Check-ins per day over 30 days and inventory by denomination, for the dashboard charts.
    private func charts() async throws -> Response {
        let since = ctx.settings.calendar.date(ctx.today, minusDays: 29)
        let days = try await ctx.db.prepare(
            """
            SELECT check_in_date AS date, COUNT(*) AS count FROM check_ins WHERE check_in_date >= ?
            GROUP BY check_in_date ORDER BY check_in_date
            """
        ).bind(since).all().results
        var counts: [String: Int] = [:]
        for day in days { counts[day.string("date") ?? ""] = day.int("count") }
        // Every one of the 30 days, oldest first, so the chart's axis is the calendar (0 on a quiet day).
        let calendar = (0..<30).reversed().map { ctx.settings.calendar.date(ctx.today, minusDays: $0) }
        return AdminContext.ok([
            "checkinsPerDay": .array(
                calendar.map { ["date": .string($0), "count": .number(Double(counts[$0] ?? 0))] }),
            "inventory": try await InventoryService(ctx: ctx).inventory(),
        ])
    }

    private func warmUp() async throws -> Response {
        await ctx.caches.config.store(try await RewardRules.fromD1(ctx.db))
        try await RankingService(ctx: ctx).refresh()
        try await InventoryService(ctx: ctx).refresh()
        try await OperationLog.record(
            ctx, adminID: admin.adminID, type: "cache", detail: "缓存预热", targetType: "system", targetID: nil)
        return AdminContext.ok(["message": "缓存预热完成", "warmed": ["config", "rankings", "inventory"]])
    }

    private func purge() async throws -> Response {
        let name = await admin.body().string("family") ?? ""
        guard let family = CacheFamily(rawValue: name) else { throw APIError(400, "未知的缓存类型") }
        let removed = await ctx.caches.cache(for: family).purge()
        try await OperationLog.record(
            ctx, adminID: admin.adminID, type: "cache", detail: "清除缓存: \(name)，共 \(removed) 项",
            targetType: "system", targetID: name)
        return AdminContext.ok(["message": "缓存已清除", "family": .string(name), "removed": .number(Double(removed))])
    }
}
