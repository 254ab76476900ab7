/// Stage 3 of the KV plan, first step: at login, load what the home page reads next — the user's
/// stats and today's ranking — into the caches, after the response (`ctx.waitUntil`), so the page's
/// first reads hit. `WARM_AT_LOGIN = "false"` turns it off.
struct LoginWarmup: Sendable {
    let ctx: AppContext

    /// Schedules the warm-up of `userID`'s reads after the response (at once without an invocation).
    func schedule(userID: Int) async {
        guard ctx.settings.warmAtLogin else { return }
        let ctx = self.ctx
        do {
            try await ctx.afterResponse { await LoginWarmup(ctx: ctx).warm(userID: userID) }
        } catch {
            ctx.log("login warm-up failed: \(error)")
        }
    }

    /// Looks the stats and today's ranking up through their caches (a miss loads and stores them);
    /// errors are logged, never failing the login.
    func warm(userID: Int) async {
        do {
            _ = try await UserStatsService(ctx: ctx).lookup(userID: userID)
            _ = try await RankingService(ctx: ctx).lookup(type: "today")
        } catch {
            ctx.log("login warm-up failed: \(error)")
        }
    }
}
