import Glibc

/// The supervisor's view of its worker processes (changed only on its event queue).
struct SupervisorState {
    /// Why a process was started.
    enum Purpose: Equatable, Sendable {
        /// To be one of the active processes.
        case fill
        /// To wait, ready, as a spare.
        case spare
        /// To take over from the active process `pid` (a reload).
        case replace(pid_t)
        /// To take over from the spare `pid` (a reload).
        case replaceSpare(pid_t)
    }

    /// Where a process is in its life.
    enum Role: Equatable, Sendable, CustomStringConvertible {
        case starting(Purpose)
        case spare
        case active
        case retiring

        var description: String {
            switch self {
            case .starting: "starting"
            case .spare: "spare"
            case .active: "active"
            case .retiring: "retiring"
            }
        }
    }

    /// One worker process.
    struct Member: Sendable {
        let process: ChildProcess
        let control: ControlChannel
        var role: Role
    }

    var members: [pid_t: Member] = [:]
    var stopping = false
    var finished = false
    var exitCode: Int32 = 0
    /// Old processes a running reload still has to replace, in order (`nil`: no reload running).
    var reloadPlan: [pid_t]?
    var reloadRequestedAgain = false
    var announcedServing = false
    var deaths: [ContinuousClock.Instant] = []
    var rebalanceScheduled = false

    var activeCount: Int { members.values.filter { $0.role == .active }.count }

    /// Processes still starting for `purpose` (a reload's replacements are not counted: each one
    /// retires an old process when it is ready, so it adds none).
    func startingCount(of purpose: Purpose) -> Int {
        members.values.filter { $0.role == .starting(purpose) }.count
    }

    /// Whether new starts wait: more than five deaths or failed starts in ten seconds.
    func startsDelayed(now: ContinuousClock.Instant) -> Bool {
        deaths.filter { now - $0 < .seconds(10) }.count > 5
    }
}
