import Outpost
import Synchronization

/// One accept thread's handler task, kept for request after request: the thread hands it each
/// request and runs its jobs while it waits (`AcceptThreadExecutor`), so no task is created and
/// destroyed per request, and the handler's async frames reuse the task's memory. A request that
/// times out leaves its loop behind, closed (its task ends once that handler returns), and the
/// thread starts a new one.
final class HandlerLoop: Sendable {
    private typealias Item = (request: Request, pending: PendingResponse)
    private enum State {
        case idle
        case waiting(UnsafeContinuation<Item?, Never>)
        case queued(Item)
        case closed
    }
    private let state = Mutex<State>(.idle)
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// A loop whose task runs `handler` for each delivered request, preferring `executor`.
    init(handler: @escaping FastCGIHandler, executor: AcceptThreadExecutor) {
        let started = Task(executorPreference: executor) { [self] in
            while let item = await next() {
                let response = await handler(item.request)
                item.pending.fulfil(response)
                executor.wake()
            }
        }
        task.withLock { $0 = started }
    }

    /// Hands `request` to the task, whose answer goes to `pending`. Call while the thread drives its
    /// executor, so the task's resumption runs there.
    func deliver(_ request: Request, to pending: PendingResponse) {
        let waiting = state.withLock { current -> UnsafeContinuation<Item?, Never>? in
            switch current {
            case .waiting(let continuation):
                current = .idle
                return continuation
            case .idle, .queued:
                current = .queued((request, pending))
                return nil
            case .closed:
                return nil
            }
        }
        waiting?.resume(returning: (request, pending))
    }

    /// Ends the loop: its task finishes after the handler it is running, if any, returns; a running
    /// handler sees cancellation when `cancelling`.
    func close(cancelling: Bool) {
        let waiting = state.withLock { current -> UnsafeContinuation<Item?, Never>? in
            defer { current = .closed }
            if case .waiting(let continuation) = current { return continuation }
            return nil
        }
        waiting?.resume(returning: nil)
        if cancelling { task.withLock { $0 }?.cancel() }
    }

    /// The next request, `nil` once closed.
    private func next() async -> Item? {
        await withUnsafeContinuation { continuation in
            let ready = state.withLock { current -> Item?? in
                switch current {
                case .queued(let item):
                    current = .idle
                    return .some(item)
                case .closed:
                    return .some(nil)
                case .idle, .waiting:
                    current = .waiting(continuation)
                    return nil
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
