import Foundation
package import Glibc

/// A child process started with `posix_spawn` (never `fork` from a threaded process), with an empty
/// signal mask: Foundation's `Process` started from a Swift concurrency thread hands the child that
/// thread's mask, in which `SIGTERM` is blocked, so the child never sees it.
package struct ChildProcess: Sendable {
    /// The process id.
    package let pid: Int32

    /// Spawns `path` with `arguments` (argv[0] included). `inherit` maps child fd numbers to parent fds;
    /// every other descriptor is closed on exec (Foundation opens its files close-on-exec). Signals
    /// the parent ignores are reset to their defaults in the child. `environment` (`NAME=value`
    /// entries) replaces the parent's environment when given.
    package static func spawn(
        path: String, arguments: [String], inherit: [Int32: Int32] = [:], environment: [String]? = nil
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (childFD, parentFD) in inherit {
            posix_spawn_file_actions_adddup2(&actions, parentFD, childFD)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        resetSignals(&attributes)

        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp = environment.map { $0.map { strdup($0) } + [nil] }
        defer { for pointer in envp ?? [] { free(pointer) } }
        var pid: pid_t = 0
        let result =
            envp.map { posix_spawn(&pid, path, &actions, &attributes, argv, $0) }
            ?? posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw RuntimeError("cannot start \(path): \(String(cString: strerror(result)))")
        }
        return ChildProcess(pid: pid)
    }

    /// Makes a spawned child start with default handling of the signals a parent here catches or
    /// ignores, and with no signal blocked (threads of Swift's pool block nearly all of them).
    package static func resetSignals(_ attributes: inout posix_spawnattr_t) {
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGPIPE, SIGCHLD, SIGALRM] {
            sigaddset(&defaults, number)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    }

    /// Sends `signal` to the process.
    package func send(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the process to exit; returns its wait status.
    package func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return status
    }

    /// The path of the running executable.
    static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The path this program was started by, made absolute (a symlink stays a symlink), else the
    /// running executable: what a deploy replaces, so worker processes started later run the new binary.
    static var launchPath: String {
        let invoked = CommandLine.arguments[0]
        guard invoked.contains("/") else { return currentExecutable }
        if invoked.hasPrefix("/") { return invoked }
        return FileManager.default.currentDirectoryPath + "/" + invoked
    }

    /// This process's environment with `SWIFT_BACKTRACE=enable=no` added unless it sets one: a
    /// crashing worker process then dies at once instead of spending seconds printing a backtrace,
    /// and its replacement starts sooner.
    static var workerEnvironment: [String] {
        var entries: [String] = []
        var index = 0
        while let entry = environ[index] {
            entries.append(String(cString: entry))
            index += 1
        }
        if !entries.contains(where: { $0.hasPrefix("SWIFT_BACKTRACE=") }) {
            entries.append("SWIFT_BACKTRACE=enable=no")
        }
        return entries
    }
}
