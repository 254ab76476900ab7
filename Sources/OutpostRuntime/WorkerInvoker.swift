import Foundation
package import Logging
package import Outpost

/// Calls the worker for one request: a fresh `ExecutionContext` whose `waitUntil` work is tracked,
/// and uncaught errors turned into responses (an `HTTPError` into its status; anything else into a 500
/// whose body is safe in production and carries the error text in development). Errors are logged.
package struct WorkerInvoker: Sendable {
    /// The worker.
    package let worker: any Worker
    /// The environment it sees.
    package let env: Env
    /// Counts `waitUntil` work across invocations (shutdown waits for it).
    package let tracker: WaitUntilTracker
    /// Whether error details may be shown to the client (`dev`).
    package let showsErrors: Bool
    private let logger: Logger

    /// An invoker for `worker` with `env`.
    package init(worker: any Worker, env: Env, tracker: WaitUntilTracker, showsErrors: Bool, logger: Logger) {
        self.worker = worker
        self.env = env
        self.tracker = tracker
        self.showsErrors = showsErrors
        self.logger = logger
    }

    /// Runs `fetch` and returns the response, never throwing.
    package func fetch(_ request: Request) async -> Response {
        await fetch(request, ctx: ExecutionContext(tracker: tracker))
    }

    /// Runs `fetch` with `ctx` (whose `waitUntil` work the caller may await) and returns the response.
    package func fetch(_ request: Request, ctx: ExecutionContext) async -> Response {
        do {
            return try await worker.fetch(request, env: env, ctx: ctx)
        } catch let error as HTTPError {
            return .text(error.message + "\n", status: error.status)
        } catch {
            logger.error(
                "uncaught error in fetch",
                metadata: ["method": "\(request.method)", "url": "\(request.urlString)", "error": "\(error)"])
            if showsErrors {
                return .text(
                    "Error: \(error)\n\n(\(request.method) \(request.urlString); shown because this is `dev`)\n",
                    status: 500)
            }
            return .text("Internal Server Error\n", status: 500)
        }
    }
}
