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
    public var passesThroughOnException: Bool { passThrough.load(ordering: .relaxed) }

    /// Waits for every `waitUntil` task of this invocation, including ones added while waiting.
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

/// Counts `waitUntil` work across invocations, so shutdown can wait for it and metrics can show it.
public final class WaitUntilTracker: Sendable {
    private struct State {
        var inFlight = 0
        var started = 0
        var failed = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let onError: @Sendable (any Error) -> Void

    /// A tracker that passes task errors to `onError` (the runtime logs them).
    public init(onError: @escaping @Sendable (any Error) -> Void = { _ in }) {
        self.onError = onError
    }

    func started() {
        state.withLock {
            $0.inFlight += 1
            $0.started += 1
        }
    }

    func finished(error: (any Error)?) {
        if let error { onError(error) }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.inFlight -= 1
            if error != nil { state.failed += 1 }
            guard state.inFlight == 0 else { return [] }
            let waiting = state.waiters
            state.waiters = []
            return waiting
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Tasks still running.
    public var inFlight: Int { state.withLock { $0.inFlight } }
    /// Tasks started since the tracker was made.
    public var startedCount: Int { state.withLock { $0.started } }
    /// Tasks that threw.
    public var failedCount: Int { state.withLock { $0.failed } }

    /// Returns once no task is running.
    public func drained() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.inFlight == 0 { return true }
                state.waiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }
}
