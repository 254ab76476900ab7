import Foundation
import Glibc
import Logging
import OutpostConfig
import OutpostFastCGI

/// Runs the supervisor with signal handling until it stops.
enum Supervise {
    /// SIGHUP → rolling reload; SIGTERM/SIGINT/SIGQUIT → the socket file is removed (no new
    /// connections), the workers answer what is in flight and queued, and the supervisor returns.
    static func run(
        listener: Listener, workerArguments: [String], config: WorkerConfig, pool: PoolSize, logger: Logger,
        dev: Bool = false, onStop: @escaping @Sendable () -> Void = {},
        reloadEnded: @escaping @Sendable (_ succeeded: Bool) -> Void = { _ in },
        ready: @escaping @Sendable (Supervisor) -> Void = { _ in }
    ) -> Int32 {
        let supervisor = Supervisor(
            options: Supervisor.Options(
                executable: ChildProcess.launchPath,
                arguments: [
                    CommandLine.arguments[0], WorkerProcessCommand.name, "--listen-fd", "3", "--control-fd",
                    String(ControlChannel.workerFD),
                ] + (dev ? ["--dev"] : []) + workerArguments,
                listenFD: listener.fd, lockFD: listener.lock?.descriptor, processes: pool.processes,
                spares: pool.spares, readyTimeoutMs: config.outpost.readyTimeoutMs,
                shutdownTimeoutMs: config.outpost.shutdownTimeoutMs, environment: ChildProcess.workerEnvironment),
            logger: logger, reloadEnded: reloadEnded)
        let watcher = SignalWatcher([SIGTERM, SIGINT, SIGQUIT, SIGHUP]) { signal in
            if signal == SIGHUP {
                supervisor.reload()
            } else {
                logger.info("stopping: answering requests in flight and queued")
                listener.unlinkPath()
                supervisor.stop()
                onStop()
            }
        }
        defer { watcher.cancel() }
        ready(supervisor)
        return supervisor.run()
    }
}
