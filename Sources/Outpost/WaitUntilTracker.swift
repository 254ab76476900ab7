import Synchronization

/// Counts `waitUntil` work across invocations, so shutdown can wait for it and metrics can show it.
/// JS equivalent: none (workerd tracks `waitUntil` promises itself).
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
    /// JS equivalent: none.
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
    /// JS equivalent: none.
    public var inFlight: Int { state.withLock { $0.inFlight } }
    /// Tasks started since the tracker was made.
    /// JS equivalent: none.
    public var startedCount: Int { state.withLock { $0.started } }
    /// Tasks that threw.
    /// JS equivalent: none.
    public var failedCount: Int { state.withLock { $0.failed } }

    /// Returns once no task is running.
    /// JS equivalent: none (workerd waits before the isolate is evicted).
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
