import Outpost
import Synchronization

/// A response handed from the handler's task to the waiting accept thread, or abandoned on timeout.
final class PendingResponse: Sendable {
    private enum State { case waiting, ready(Response), abandoned }
    private let state = Mutex<State>(.waiting)

    func fulfil(_ response: Response) {
        state.withLock { current in
            if case .waiting = current { current = .ready(response) }
        }
    }

    var isSettled: Bool {
        state.withLock { if case .waiting = $0 { false } else { true } }
    }

    func take() -> Response? {
        state.withLock { if case .ready(let response) = $0 { response } else { nil } }
    }

    func abandon() { state.withLock { $0 = .abandoned } }
}
