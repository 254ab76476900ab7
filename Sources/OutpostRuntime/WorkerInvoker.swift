import Foundation
public import Logging
public import Outpost

/// Calls the worker for one request: a fresh `ExecutionContext` whose `waitUntil` work is tracked,
/// and uncaught errors turned into responses (an `HTTPError` into its status; anything else into a 500
/// whose body is safe in production and carries the error text in development). Errors are logged.
public struct WorkerInvoker: Sendable {
    /// The worker.
    public let worker: any Worker
    /// The environment it sees.
    public let env: Env
    /// Counts `waitUntil` work across invocations (shutdown waits for it).
    public let tracker: WaitUntilTracker
    /// Whether error details may be shown to the client (`dev`).
    public let showsErrors: Bool
    private let logger: Logger

    /// An invoker for `worker` with `env`.
    public init(worker: any Worker, env: Env, tracker: WaitUntilTracker, showsErrors: Bool, logger: Logger) {
        self.worker = worker
        self.env = env
        self.tracker = tracker
        self.showsErrors = showsErrors
        self.logger = logger
    }

    /// Runs `fetch` and returns the response, never throwing.
    public func fetch(_ request: Request) async -> Response {
        let ctx = ExecutionContext(tracker: tracker)
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
