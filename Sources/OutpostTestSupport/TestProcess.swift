public import Foundation
import Glibc
import OutpostRuntime
import Synchronization

/// A process started for a test, with its stdout and stderr captured in files.
///
/// Started with `posix_spawn`, not Foundation's `Process`, whose `run()` was seen to crash the test
/// runner (a bad pointer in its argument copy) when many tests start processes at once. The child
/// gets default signal handling, an empty signal mask and no descriptor of the runner's but its three
/// standard ones; one thread per process waits for its exit.
public final class TestProcess: Sendable {
    /// Where stdout goes.
    public let stdoutPath: String
    /// Where stderr goes.
    public let stderrPath: String
    /// The process id.
    public let pid: Int32
    /// The wait status once the process has exited and been reaped (set by the waiting thread, which
    /// holds only this, so the process is still stopped when the `TestProcess` goes away).
    private let exitStatus = ExitStatus()

    /// Starts `executable` with `arguments` in `directory`; standard input is `/dev/null` unless
    /// `standardInput` is given (a terminal, for instance).
    public init(
        executable: String, arguments: [String], directory: String, environment: [String: String] = [:], name: String,
        standardInput: FileHandle = .nullDevice
    ) throws {
        stdoutPath = directory + "/\(name).stdout"
        stderrPath = directory + "/\(name).stderr"
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        pid = try Self.spawn(
            executable: executable, arguments: arguments, directory: directory,
            environment: env.map { "\($0.key)=\($0.value)" }, standardInput: standardInput.fileDescriptor,
            stdoutPath: stdoutPath, stderrPath: stderrPath)
        let pid = self.pid
        let exitStatus = self.exitStatus
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
            exitStatus.value.withLock { $0 = status }
        }
    }

    /// Whether the process has not exited yet.
    public var isRunning: Bool { exitStatus.value.withLock { $0 } == nil }

    /// Sends `signal` (nothing once the process has been reaped: its pid may be another's by then).
    public func signal(_ signal: Int32) {
        exitStatus.value.withLock { status in
            if status == nil { _ = kill(pid, signal) }
        }
    }

    /// Waits up to `seconds` for the exit; returns the exit code (or 128+signal), `nil` on timeout.
    public func waitForExit(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let status = exitStatus.value.withLock({ $0 }) {
                let signal = status & 0x7F
                return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
            }
            if Date() > deadline { return nil }
            usleep(20_000)
        }
    }

    /// Stops the process: SIGTERM, then SIGKILL after `seconds`.
    public func stop(seconds: Double = 10) {
        guard isRunning else { return }
        signal(SIGTERM)
        if waitForExit(seconds: seconds) == nil {
            signal(SIGKILL)
            _ = waitForExit(seconds: 5)
        }
    }

    /// What the process wrote to stderr so far.
    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    /// What the process wrote to stdout so far.
    public var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }

    deinit { stop(seconds: 5) }

    private static func spawn(
        executable: String, arguments: [String], directory: String, environment: [String], standardInput: Int32,
        stdoutPath: String, stderrPath: String
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // `FileHandle.nullDevice` has no descriptor (-1): the child opens /dev/null itself.
        if standardInput >= 0 {
            posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        let output = O_WRONLY | O_CREAT | O_TRUNC
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, output, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, output, 0o644)
        // glibc's `_np` actions (2.29, 2.34), which Swift's Glibc module leaves out.
        guard let chdir = GlibcSpawnActions.addChdir, let closeFrom = GlibcSpawnActions.addCloseFrom else {
            throw TestHarnessError("this glibc has no posix_spawn_file_actions_addchdir_np/addclosefrom_np")
        }
        _ = chdir(&actions, directory)
        _ = closeFrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        ChildProcess.resetSignals(&attributes)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp = environment.map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }
        // Created first, so the files exist (empty) as soon as the process does.
        for path in [stdoutPath, stderrPath] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw TestHarnessError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }
}

/// glibc's `posix_spawn_file_actions_addchdir_np` and `…_addclosefrom_np`, looked up at run time.
private enum GlibcSpawnActions {
    typealias Actions = UnsafeMutablePointer<posix_spawn_file_actions_t>
    typealias AddChdir = @convention(c) (Actions, UnsafePointer<CChar>) -> Int32
    typealias AddCloseFrom = @convention(c) (Actions, Int32) -> Int32

    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(pointer, to: T.self)
    }
}

/// A process's wait status, shared with the thread that waits for it.
private final class ExitStatus: Sendable {
    let value = Mutex<Int32?>(nil)
}
