import Foundation
import Outpost

/// The crons: `*/5 * * * *` recomputes rankings into KV, refreshes a cached inventory (and the pending gauge); `0 * * * *` purges expired
/// sessions and OAuth states from D1 and warms the rewards config and rankings.
struct ScheduledJobs: Sendable {
    let ctx: AppContext
    static let frequent = "*/5 * * * *"
    static let hourly = "0 * * * *"

    /// Runs the jobs of `cron` (any other expression runs both).
    func run(cron: String) async throws {
        switch cron {
        case Self.frequent: try await refresh()
        case Self.hourly: try await cleanUpAndWarm()
        default:
            try await refresh()
            try await cleanUpAndWarm()
        }
    }

    /// Rankings into KV; a cached inventory brought up to date.
    func refresh() async throws {
        try await RankingService(ctx: ctx).refresh()
        try await InventoryService(ctx: ctx).refreshCached()
        try await PendingGauge(ctx: ctx).refresh()
    }

    /// Expired sessions, OAuth states and admin-login failures out of D1; rewards config and rankings into KV.
    func cleanUpAndWarm() async throws {
        let now = ctx.nowISO
        let epoch = Int(ctx.now.timeIntervalSince1970)
        let results = try await ctx.db.batch([
            try ctx.db.prepare("DELETE FROM sessions WHERE expires_at <= ?").bind(now),
            try ctx.db.prepare("DELETE FROM admin_sessions WHERE expires_at <= ? OR is_active = 0").bind(now),
            try ctx.db.prepare("DELETE FROM oauth_states WHERE expires_at <= ?").bind(now),
            try ctx.db.prepare(
                "DELETE FROM admin_login_throttle WHERE blocked_until <= ? AND window_start <= ?"
            ).bind(epoch, epoch - LoginThrottle.window),
        ])
        let removed = results.reduce(0) { $0 + $1.meta.changes }
        if removed > 0 { ctx.log("cleanup removed \(removed) expired sessions and OAuth states") }
        await ctx.caches.config.store(try await RewardRules.fromD1(ctx.db))
        try await RankingService(ctx: ctx).refresh()
    }
}
