import Outpost

/// Fails calls fast while a backend is down: closed (calls go through), open (calls are refused at
/// once), and after `probeIntervalMs` one call at a time goes through as a probe (half-open); its
/// success closes the breaker, its failure opens it again.
///
/// JS equivalent: none.
final class CircuitBreaker: Sendable {
    /// What a caller may do now.
    enum Admission: Equatable {
        /// The breaker is closed: go ahead.
        case pass
        /// The breaker is half-open and this caller is the probe.
        case probe
        /// The breaker is open: fail without touching the backend.
        case reject
    }

    /// A state change, for logs and counters.
    enum Transition: String {
        /// A failure opened the breaker.
        case opened = "open"
        /// A probe succeeded.
        case closed
    }

    private enum State {
        case closed
        case open(since: ContinuousClock.Instant)
        case probing
    }

    /// Every call takes it twice, from every accept thread: a lock that sleeps, never spins.
    private let state = SleepingLock(State.closed)
    private let probeInterval: Duration

    /// A closed breaker that probes every `probeIntervalMs` while open.
    init(probeIntervalMs: Int) {
        probeInterval = .milliseconds(probeIntervalMs)
    }

    /// Whether this call may go to the backend.
    func admit() -> Admission {
        state.withLock { state in
            switch state {
            case .closed: return .pass
            case .probing: return .reject
            case .open(let since):
                guard ContinuousClock.now - since >= probeInterval else { return .reject }
                state = .probing
                return .probe
            }
        }
    }

    /// Records a call that reached the backend and got an answer; closes a half-open breaker.
    func succeeded() -> Transition? {
        state.withLock { state in
            guard case .closed = state else {
                state = .closed
                return .closed
            }
            return nil
        }
    }

    /// Records a transport failure; opens the breaker (again, when a probe failed).
    func failed() -> Transition? {
        state.withLock { state in
            let wasClosed = if case .closed = state { true } else { false }
            state = .open(since: ContinuousClock.now)
            return wasClosed ? .opened : nil
        }
    }

    /// Whether calls are being refused right now (open or probing).
    var isOpen: Bool {
        state.withLock { state in
            if case .closed = state { return false }
            return true
        }
    }
}
