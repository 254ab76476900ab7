import Foundation
import Glibc
import Logging
import Synchronization

/// php-fpm's master model over a pool of worker processes that all accept on the one listen socket it
/// owns (never touched by a stop or reload):
/// - `processes` active workers, plus `spares` started and initialised but not yet accepting; when an
///   active one dies (a trap, libfcgi's abort) a spare takes its place at once and a new spare starts,
///   so a crash fails only that process's in-flight requests;
/// - SIGHUP is a rolling reload: the executable at the launch path (a new binary included) is started
///   one process at a time; each replaces an old one only after it reported ready, so a new binary that
///   exits or never gets ready leaves the old processes serving, and the failure is logged;
/// - a stop tells every worker to answer what is in flight and already queued, then exit.
final class Supervisor: Sendable {
    /// The child's exit code that means "the config is unusable": do not restart, stop.
    static let configExitCode: Int32 = 78

    /// What starts the worker processes and how many run.
    struct Options: Sendable {
        /// The worker executable (re-read at every start: a deploy replaces it).
        var executable: String
        /// Its arguments, argv[0] included.
        var arguments: [String]
        /// The listen socket, fd 3 in every worker.
        var listenFD: Int32
        /// The socket path lock, fd 5 in every worker (so it outlives a killed supervisor).
        var lockFD: Int32?
        /// Active worker processes.
        var processes: Int
        /// Started, ready, not yet accepting processes kept in reserve.
        var spares: Int
        /// How long a new process may take to report ready.
        var readyTimeoutMs: Int
        /// How long a stopping worker may take; it is killed after this plus a grace period.
        var shutdownTimeoutMs: Int
        /// The workers' environment.
        var environment: [String]
    }

    private let options: Options
    private let logger: Logger
    private let queue = DispatchQueue(label: "outpost.supervisor")
    private let state = Mutex(SupervisorState())
    private let finished = DispatchSemaphore(value: 0)
    private let reloadEnded: @Sendable (_ succeeded: Bool) -> Void

    /// A supervisor with `options`; nothing starts before `run()`. `reloadEnded` is told (on the
    /// supervisor's queue) how each rolling reload ended: `true` when the new processes took over,
    /// `false` when it was abandoned and the old ones keep serving.
    init(options: Options, logger: Logger, reloadEnded: @escaping @Sendable (_ succeeded: Bool) -> Void = { _ in }) {
        self.options = options
        self.logger = logger
        self.reloadEnded = reloadEnded
    }

    /// Starts the pool and supervises it until a stop has drained every worker; returns the exit code.
    func run() -> Int32 {
        queue.async { [self] in rebalance() }
        finished.wait()
        return state.withLock { $0.exitCode }
    }

    /// Drains the pool: workers answer what is in flight and queued, then exit; after the shutdown
    /// timeout (plus a grace period) the rest are killed. Safe from any thread.
    func stop() {
        queue.async { [self] in handleStop() }
    }

    /// Rolling reload: new processes (of the executable now at the launch path) replace the old ones one
    /// by one, each after it is ready. Safe from any thread.
    func reload() {
        queue.async { [self] in handleReload() }
    }

    /// The pids of the processes now accepting requests (for tests and the status log).
    var activePIDs: [pid_t] {
        state.withLock { current in current.members.values.filter { $0.role == .active }.map(\.process.pid).sorted() }
    }

    // MARK: - Events (all on `queue`)

    private func handleReady(_ pid: pid_t) {
        let action = state.withLock { current -> ReadyAction? in
            guard var member = current.members[pid], case .starting(let purpose) = member.role else { return nil }
            switch purpose {
            case .fill, .replace:
                member.role = .active
            case .spare, .replaceSpare:
                member.role = .spare
            }
            current.members[pid] = member
            return ReadyAction(purpose: purpose, member: member)
        }
        guard let action else { return }
        if action.member.role == .active { action.member.control.send(.go) }
        logger.debug(
            "worker process ready", metadata: ["pid": "\(pid)", "role": "\(action.member.role)"])
        switch action.purpose {
        case .replace(let old), .replaceSpare(let old):
            retire(old)
            continueReload()
        case .fill, .spare:
            let announce = state.withLock { current -> Int? in
                guard !current.announcedServing, current.activeCount >= options.processes else { return nil }
                current.announcedServing = true
                return current.activeCount
            }
            if let announce {
                logger.info("worker processes accepting", metadata: ["processes": "\(announce)"])
            }
            rebalance()
        }
    }

    private func handleExit(_ pid: pid_t, status: Int32) {
        let (member, stopping) = state.withLock { current in
            (current.members.removeValue(forKey: pid), current.stopping)
        }
        guard let member else { return }
        member.control.close()
        let description = WaitStatus.describe(status)
        if stopping {
            if !WaitStatus.isCleanStop(status) { state.withLock { if $0.exitCode == 0 { $0.exitCode = 1 } } }
            finishIfEmpty()
            return
        }
        switch member.role {
        case .active:
            logger.error(
                "worker process died; restarting it (a ready spare takes its place at once; only its in-flight requests failed)",
                metadata: ["pid": "\(pid)", "status": "\(description)"])
            recordDeath()
            rebalance()
        case .spare:
            logger.error("spare worker process died", metadata: ["pid": "\(pid)", "status": "\(description)"])
            recordDeath()
            rebalance()
        case .retiring:
            logger.debug("old worker process finished", metadata: ["pid": "\(pid)", "status": "\(description)"])
        case .starting(let purpose):
            startFailed(purpose: purpose, reason: "it exited before it was ready (\(description))", status: status)
        }
    }

    private func handleReadyTimeout(_ pid: pid_t) {
        let late = state.withLock { current -> ChildProcess? in
            guard let member = current.members[pid], case .starting = member.role else { return nil }
            return member.process
        }
        guard let late else { return }
        logger.error(
            "new worker process not ready in time; killing it",
            metadata: ["pid": "\(pid)", "ready_timeout_ms": "\(options.readyTimeoutMs)"])
        late.send(SIGKILL)
    }

    private func handleReload() {
        let plan = state.withLock { current -> [pid_t]? in
            guard !current.stopping else { return nil }
            if current.reloadPlan != nil {
                current.reloadRequestedAgain = true
                return nil
            }
            // The spare first: it proves the new binary starts before any active process is touched.
            let spares = current.members.values.filter { $0.role == .spare }.map(\.process.pid).sorted()
            let actives = current.members.values.filter { $0.role == .active }.map(\.process.pid).sorted()
            current.reloadPlan = spares + actives
            return spares + actives
        }
        guard let plan else {
            logger.info("reload requested while one is running; it runs again when this one ends")
            return
        }
        logger.info(
            "reloading: new worker processes replace the old ones one by one",
            metadata: ["executable": "\(options.executable)", "old_processes": "\(plan.count)"])
        continueReload()
    }

    private func handleStop() {
        let members = state.withLock { current -> [SupervisorState.Member] in
            current.stopping = true
            current.reloadPlan = nil
            return Array(current.members.values)
        }
        for member in members {
            // Processes that accept (or are about to: started to fill the pool) answer the queue; a process
            // still starting reads its control socket once initialised, so it sees the message too.
            switch member.role {
            case .active, .starting(.fill), .starting(.replace): member.control.send(.drain)
            case .spare, .retiring, .starting: member.control.send(.stop)
            }
        }
        queue.asyncAfter(deadline: .now() + .milliseconds(options.shutdownTimeoutMs + 5_000)) { [self] in
            let left = state.withLock { Array($0.members.values) }
            for member in left {
                logger.error(
                    "worker process did not stop in time; killing it", metadata: ["pid": "\(member.process.pid)"])
                member.process.send(SIGKILL)
            }
        }
        finishIfEmpty()
    }

    // MARK: - Pool upkeep

    /// Brings the pool to `processes` active (a ready spare is promoted first, at once) and `spares`
    /// spares, unless stopping; new starts wait a second while processes keep dying.
    private func rebalance() {
        enum Step { case promote(SupervisorState.Member), start(SupervisorState.Purpose), wait, done }
        while true {
            let step = state.withLock { current -> Step in
                if current.stopping { return .done }
                let accepting = current.activeCount + current.startingCount(of: .fill)
                if accepting < options.processes {
                    if var spare = current.members.values.first(where: { $0.role == .spare }) {
                        spare.role = .active
                        current.members[spare.process.pid] = spare
                        return .promote(spare)
                    }
                    return current.startsDelayed(now: .now) ? .wait : .start(.fill)
                }
                let reserve =
                    current.members.values.filter { $0.role == .spare }.count + current.startingCount(of: .spare)
                if reserve < options.spares { return current.startsDelayed(now: .now) ? .wait : .start(.spare) }
                return .done
            }
            switch step {
            case .promote(let spare):
                spare.control.send(.go)
                logger.info("spare worker process now accepting", metadata: ["pid": "\(spare.process.pid)"])
            case .start(let purpose):
                guard start(purpose) else { return }
            case .wait:
                let first = state.withLock { current -> Bool in
                    defer { current.rebalanceScheduled = true }
                    return !current.rebalanceScheduled
                }
                if first {
                    logger.warning("worker processes keep dying; waiting 1 s before starting the next one")
                    queue.asyncAfter(deadline: .now() + 1) { [self] in
                        state.withLock {
                            $0.rebalanceScheduled = false; $0.deaths.removeAll()
                        }
                        rebalance()
                    }
                }
                return
            case .done:
                return
            }
        }
    }

    /// Starts one worker process for `purpose`; returns whether it was spawned.
    @discardableResult
    private func start(_ purpose: SupervisorState.Purpose) -> Bool {
        let process: ChildProcess
        let control: ControlChannel
        do {
            let channel = try ControlChannel.pair()
            var inherit: [Int32: Int32] = [3: options.listenFD, ControlChannel.workerFD: channel.worker]
            if let lockFD = options.lockFD { inherit[5] = lockFD }
            defer { close(channel.worker) }
            do {
                process = try ChildProcess.spawn(
                    path: options.executable, arguments: options.arguments, inherit: inherit,
                    environment: options.environment)
            } catch {
                channel.supervisor.close()
                throw error
            }
            control = channel.supervisor
        } catch {
            startFailed(purpose: purpose, reason: "\(error)", status: nil)
            return false
        }
        state.withLock { current in
            current.members[process.pid] = SupervisorState.Member(
                process: process, control: control, role: .starting(purpose))
        }
        watch(process, control: control)
        return true
    }

    /// Reports readiness and exit of `process` as events.
    private func watch(_ process: ChildProcess, control: ControlChannel) {
        let pid = process.pid
        Thread.detachNewThread { [self] in
            if control.receive() == .ready { queue.async { self.handleReady(pid) } }
        }
        Thread.detachNewThread { [self] in
            let status = process.wait()
            queue.async { self.handleExit(pid, status: status) }
        }
        queue.asyncAfter(deadline: .now() + .milliseconds(options.readyTimeoutMs)) { [self] in
            handleReadyTimeout(pid)
        }
    }

    /// A new process could not start (`status`: its wait status, when it ran at all).
    private func startFailed(purpose: SupervisorState.Purpose, reason: String, status: Int32?) {
        let configUnusable = status.flatMap(WaitStatus.exitCode) == Self.configExitCode
        let why = configUnusable ? "the config is unusable (see its messages above)" : reason
        switch purpose {
        case .replace, .replaceSpare:
            let again = state.withLock { current -> Bool in
                current.reloadPlan = nil
                defer { current.reloadRequestedAgain = false }
                return current.reloadRequestedAgain
            }
            logger.error(
                "reload abandoned: the new worker process did not start; the old processes keep serving",
                metadata: ["executable": "\(options.executable)", "reason": "\(why)"])
            reloadEnded(false)
            if again { handleReload() }
        case .fill, .spare:
            let initial = state.withLock { !$0.announcedServing && $0.activeCount == 0 }
            if initial, configUnusable || status == nil {
                logger.critical(
                    configUnusable
                        ? "the worker process cannot start with this config; not restarting"
                        : "cannot start the worker process", metadata: ["reason": "\(why)"])
                state.withLock { $0.exitCode = configUnusable ? Self.configExitCode : 1 }
                handleStop()
                return
            }
            logger.error(
                "worker process did not start; retrying",
                metadata: ["executable": "\(options.executable)", "reason": "\(why)"])
            recordDeath()
            rebalance()
        }
    }

    /// Starts the replacement for the next old process of the running reload, or ends the reload.
    private func continueReload() {
        let next = state.withLock { current -> (pid: pid_t, role: SupervisorState.Role)?? in
            guard current.reloadPlan != nil else { return .none }
            while let pid = current.reloadPlan?.first {
                current.reloadPlan?.removeFirst()
                if let member = current.members[pid], member.role == .active || member.role == .spare {
                    return .some((pid, member.role))
                }
            }
            current.reloadPlan = nil
            return .some(nil)
        }
        switch next {
        case .none:
            return
        case .some(.none):
            logger.info("reload complete", metadata: ["processes": "\(activePIDs.count)"])
            reloadEnded(true)
            let again = state.withLock { current -> Bool in
                defer { current.reloadRequestedAgain = false }
                return current.reloadRequestedAgain
            }
            rebalance()
            if again { handleReload() }
        case .some(.some(let old)):
            start(old.role == .spare ? .replaceSpare(old.pid) : .replace(old.pid))
        }
    }

    /// Tells the process `pid` to finish its requests and exit (it no longer accepts).
    private func retire(_ pid: pid_t) {
        let member = state.withLock { current -> SupervisorState.Member? in
            guard var member = current.members[pid] else { return nil }
            member.role = .retiring
            current.members[pid] = member
            return member
        }
        member?.control.send(.stop)
    }

    private func recordDeath() {
        state.withLock { current in
            let now = ContinuousClock.now
            current.deaths = current.deaths.filter { now - $0 < .seconds(10) } + [now]
        }
    }

    private func finishIfEmpty() {
        let empty = state.withLock { $0.stopping && $0.members.isEmpty && !$0.finished }
        guard empty else { return }
        state.withLock { $0.finished = true }
        finished.signal()
    }

    private struct ReadyAction {
        let purpose: SupervisorState.Purpose
        let member: SupervisorState.Member
    }
}
