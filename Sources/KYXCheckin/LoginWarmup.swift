/// Stage 3 of the KV plan, first step: at login, load what the home page reads next — today's ranking
/// — into the caches, after the response (`ctx.waitUntil`), so the page's first read hits.
/// `WARM_AT_LOGIN = "false"` turns it off. The user's stats are not warmed: before today's check-in
/// they are answered from D1 (see `UserStatsService.lookup`), so a warm-up would only add a query.
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

    /// Looks today's ranking up through its cache (a miss loads and stores it); errors are logged,
    /// never failing the login.
    func warm(userID: Int) async {
        do {
            _ = try await RankingService(ctx: ctx).lookup(type: "today")
        } catch {
            ctx.log("login warm-up failed: \(error)")
        }
    }
}
