import Outpost

/// The crons: `*/5 * * * *` recomputes rankings and inventory into KV; `0 * * * *` purges expired
/// sessions and OAuth states and warms the rewards config and rankings.
struct ScheduledJobs: Sendable {
    let ctx: AppContext

    /// Runs the jobs of `cron` (any other expression runs both).
    func run(cron: String) async throws {
    }
}
