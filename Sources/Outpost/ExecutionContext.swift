import Synchronization

/// The context of one invocation. JS equivalent: `ctx` (`ExecutionContext`).
///
/// `waitUntil` work starts at once and keeps running after the response is sent; the runtime awaits
/// it before the invocation counts as finished and before a graceful shutdown completes. Its errors
/// are logged, never sent to the client.
public final class ExecutionContext: Sendable {
    private let tracker: WaitUntilTracker
    private let passThrough = Atomic<Bool>(false)
    private let tasks = Mutex<[Task<Void, Never>]>([])
    /// Free-form properties the runtime passes in. JS equivalent: `ctx.props`.
    public let props: JSONValue

    /// A context whose `waitUntil` work is reported to `tracker`.
    /// JS equivalent: none (workerd creates `ctx`).
    public init(tracker: WaitUntilTracker = WaitUntilTracker(), props: JSONValue = .object([:])) {
        self.tracker = tracker
        self.props = props
    }

    /// Runs `work` beyond the response. JS equivalent: `ctx.waitUntil(promise)`.
    public func waitUntil(_ work: @escaping @Sendable () async throws -> Void) {
        let tracker = self.tracker
        tracker.started()
        // On the global pool, never on the accept thread that served the request.
        let task = Task(executorPreference: globalConcurrentExecutor) {
            do {
                try await work()
                tracker.finished(error: nil)
            } catch {
                tracker.finished(error: error)
            }
        }
        tasks.withLock { $0.append(task) }
    }

    /// Asks that an uncaught error pass the request to the origin. JS equivalent: `ctx.passThroughOnException()`.
    ///
    /// Outpost has no origin behind the worker, so the error response is still sent; the flag is recorded.
    public func passThroughOnException() { passThrough.store(true, ordering: .relaxed) }

    /// Whether `passThroughOnException()` was called.
    /// JS equivalent: none (workerd keeps the flag internally).
    public var passesThroughOnException: Bool { passThrough.load(ordering: .relaxed) }

    /// Waits for every `waitUntil` task of this invocation, including ones added while waiting.
    /// JS equivalent: `await waitOnExecutionContext(ctx)` in vitest-pool-workers.
    public func settle() async {
        while true {
            let pending = tasks.withLock { current -> [Task<Void, Never>] in
                let taken = current
                current = []
                return taken
            }
            if pending.isEmpty { return }
            for task in pending { await task.value }
        }
    }
}
