import Foundation
import Glibc
import Logging
import Synchronization

/// php-fpm's master model: owns the listen socket, runs the worker as a spawned child that inherits
/// it, restarts the child at once when it dies (a libfcgi abort must not take the service down),
/// reloads it on SIGHUP, and forwards SIGTERM/SIGINT/SIGQUIT as a graceful stop.
final class Supervisor: Sendable {
    /// The child's exit code that means "the config is unusable": do not restart, stop.
    static let configExitCode: Int32 = 78

    private struct State {
        var child: ChildProcess?
        var stopping = false
        var restarts: [ContinuousClock.Instant] = []
    }

    private let executable: String
    private let arguments: [String]
    private let listenFD: Int32
    private let shutdownTimeoutMs: Int
    private let logger: Logger
    private let state = Mutex(State())

    /// A supervisor that runs `executable` with `arguments`, handing it `listenFD` as fd 3.
    init(executable: String, arguments: [String], listenFD: Int32, shutdownTimeoutMs: Int, logger: Logger) {
        self.executable = executable
        self.arguments = arguments
        self.listenFD = listenFD
        self.shutdownTimeoutMs = shutdownTimeoutMs
        self.logger = logger
    }

    /// Runs the child until a stop is requested; returns the exit code for the supervisor.
    func run() -> Int32 {
        while true {
            let child: ChildProcess
            do {
                child = try ChildProcess.spawn(path: executable, arguments: arguments, inherit: [3: listenFD])
            } catch {
                logger.critical("cannot start the worker process", metadata: ["error": "\(error)"])
                return 1
            }
            let stopNow = state.withLock { current -> Bool in
                current.child = child
                return current.stopping
            }
            if stopNow { child.send(SIGTERM) }
            logger.debug("worker process started", metadata: ["pid": "\(child.pid)"])
            let status = child.wait()
            let stopping = state.withLock { current -> Bool in
                current.child = nil
                return current.stopping
            }
            if stopping {
                return WaitStatus.exitCode(status) == 0 ? 0 : 1
            }
            if WaitStatus.exitCode(status) == Self.configExitCode {
                logger.critical("the worker process cannot start with this config; not restarting")
                return Self.configExitCode
            }
            if WaitStatus.exitCode(status) == 0 {
                logger.info("worker process exited; starting a new one")
            } else {
                logger.error(
                    "worker process died; restarting it",
                    metadata: ["pid": "\(child.pid)", "status": "\(WaitStatus.describe(status))"])
            }
            backOffIfCrashLooping()
        }
    }

    /// Asks the child to finish its requests and exit, then the supervisor returns; after the shutdown
    /// timeout (plus a grace period) the child is killed.
    func stop() {
        let child = state.withLock { current -> ChildProcess? in
            current.stopping = true
            return current.child
        }
        guard let child else { return }
        child.send(SIGTERM)
        let deadline = DispatchTime.now() + .milliseconds(shutdownTimeoutMs + 5_000)
        DispatchQueue.global().asyncAfter(deadline: deadline) { [self] in
            let still = state.withLock { $0.child?.pid == child.pid }
            if still {
                logger.error("worker process did not stop in time; killing it", metadata: ["pid": "\(child.pid)"])
                child.send(SIGKILL)
            }
        }
    }

    /// Gracefully replaces the child (it re-reads the config).
    func reload() {
        let child = state.withLock { $0.child }
        logger.info("reloading: the worker process finishes its requests and a new one starts")
        child?.send(SIGTERM)
    }

    private func backOffIfCrashLooping() {
        let now = ContinuousClock.now
        let recent = state.withLock { current -> Int in
            current.restarts = current.restarts.filter { now - $0 < .seconds(10) } + [now]
            return current.restarts.count
        }
        if recent > 5 {
            logger.warning("worker process is crash-looping; waiting 1 s before the next start")
            Thread.sleep(forTimeInterval: 1)
        }
    }
}
