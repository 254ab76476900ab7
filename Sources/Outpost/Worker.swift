/// A Workers-style handler: the `export default { fetch, scheduled }` of a module Worker, in Swift.
///
/// JS equivalent: `export default { async fetch(request, env, ctx) { … }, async scheduled(controller, env, ctx) { … } }`.
public protocol Worker: Sendable {
    /// Answers one HTTP request. JS equivalent: `fetch(request, env, ctx)`.
    func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response

    /// Runs one cron trigger. JS equivalent: `scheduled(controller, env, ctx)`.
    ///
    /// The default implementation throws, as a Worker without a `scheduled` export does.
    func scheduled(_ controller: ScheduledController, env: Env, ctx: ExecutionContext) async throws
}

extension Worker {
    /// The default `scheduled` handler: does nothing, as a JS Worker without a `scheduled` export.
    public func scheduled(_ controller: ScheduledController, env: Env, ctx: ExecutionContext) async throws {
        throw TypeError("Handler does not export a scheduled() function")
    }
}
