import Foundation
import Glibc
import Logging
import Synchronization

/// Ties nginx's life to `dev`'s: whichever stops first stops the other, and nginx dies with `dev`
/// even when `dev` is killed (`kill -9`): it runs under `setpriv --pdeathsig TERM`, started from a
/// thread that lives as long as nginx (the parent-death signal follows the spawning thread).
struct DevSession: Sendable {
    /// nginx's argv, its path first.
    let nginxArguments: [String]
    let logger: Logger

    /// Where util-linux's `setpriv` lives.
    static let setpriv = "/usr/bin/setpriv"

    /// Starts nginx, then the supervisor through `supervise`; returns the exit code: the supervisor's,
    /// or 1 when nginx failed (it could not start, or stopped on its own). `onReady` is called once
    /// both serve, with the supervisor and the nginx process.
    func run(
        url: String, onReady: @escaping @Sendable (Supervisor, ChildProcess) -> Void = { _, _ in },
        supervise: (@escaping @Sendable () -> Void, @escaping @Sendable (Supervisor) -> Void) -> Int32
    ) throws -> Int32 {
        let logger = self.logger
        let supervisor = Mutex<Supervisor?>(nil)
        let nginxFailed = Atomic<Bool>(false)
        let nginxExited = Atomic<Bool>(false)
        let started = Mutex<Result<ChildProcess, any Error>?>(nil)
        let spawned = DispatchSemaphore(value: 0)
        let arguments = nginxArguments
        Thread.detachNewThread {
            let result = Result { try Self.spawnNginx(arguments) }
            started.withLock { $0 = result }
            spawned.signal()
            guard case .success(let nginx) = result else { return }
            let status = nginx.wait()
            if WaitStatus.exitCode(status) != 0 {
                nginxFailed.store(true, ordering: .releasing)
                logger.error(
                    "nginx stopped (\(WaitStatus.describe(status))); see the messages above. Stopping the worker.")
            }
            nginxExited.store(true, ordering: .releasing)
            supervisor.withLock { $0 }?.stop()
        }
        spawned.wait()
        let nginx = try started.withLock { $0 }!.get()
        let code = supervise({ nginx.send(SIGQUIT) }) { running in
            supervisor.withLock { $0 = running }
            if nginxExited.load(ordering: .acquiring) {
                running.stop()
                return
            }
            FileHandle.standardOutput.write(Data("Outpost dev server ready on \(url) (Ctrl-C to stop)\n".utf8))
            onReady(running, nginx)
        }
        nginx.send(SIGQUIT)
        return nginxFailed.load(ordering: .acquiring) ? 1 : code
    }

    /// Checks the config nginx runs with (`nginx -t`), then has `nginx` (the process `run` started)
    /// load it again (SIGHUP: new connections get the new config, open ones finish on the old). A
    /// config nginx refuses is reported with nginx's own words; nginx then keeps the one it has.
    func reloadNginx(_ nginx: ChildProcess) throws {
        var said: [UInt8] = []
        let status = try ChildProcess.run(nginxArguments + ["-t", "-q"]) { said += $0 }
        guard WaitStatus.exitCode(status) == 0 else {
            throw RuntimeError(String(decoding: said, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        nginx.send(SIGHUP)
    }

    private static func spawnNginx(_ arguments: [String]) throws -> ChildProcess {
        guard FileManager.default.isExecutableFile(atPath: setpriv) else {
            return try ChildProcess.spawn(path: arguments[0], arguments: arguments)
        }
        return try ChildProcess.spawn(path: setpriv, arguments: [setpriv, "--pdeathsig", "TERM", "--"] + arguments)
    }
}
