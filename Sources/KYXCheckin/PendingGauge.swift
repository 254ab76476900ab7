import Outpost

/// Counts the check-ins waiting for a code into `kyx_pending_distributions` (one D1 query, per cron run).
struct PendingGauge: Sendable {
    let ctx: AppContext

    /// Reads the pending count from D1 and records it.
    func refresh() async throws {
        let row = try await ctx.db.prepare(
            "SELECT COUNT(*) AS pending FROM check_ins WHERE status = 'pending_distribution'"
        ).first()
        ctx.metrics.recordPending(row?.int("pending") ?? 0)
    }
}
