import Foundation
import Glibc
public import OutpostRedis

/// A real `redis-server` for tests: its own temporary directory, a free loopback port and a unix
/// socket (mode 0700), no persistence; stopped by PID when released. A missing `redis-server` is an
/// error, never a skip.
public final class RedisTestServer: @unchecked Sendable {
    /// The server's directory (socket, logs).
    public let directory: String
    /// The loopback TCP port.
    public let port: Int
    /// The unix socket path.
    public let socketPath: String
    /// The running process (replaced by `restart()`).
    public private(set) var process: TestProcess

    /// One server for the whole test process, started on first use and stopped at exit.
    public static let shared: RedisTestServer = {
        do {
            let server = try RedisTestServer()
            sharedServerPID = server.process.pid
            // SIGKILL: the server keeps nothing (no RDB, no AOF), and a SIGTERM was seen to be ignored by a
            // server left running after the test process ended.
            atexit {
                guard sharedServerPID > 0 else { return }
                Glibc.kill(sharedServerPID, SIGCONT)
                Glibc.kill(sharedServerPID, SIGKILL)
            }
            return server
        } catch {
            fatalError("cannot start redis-server for the tests: \(error)")
        }
    }()

    /// Starts a server and waits until it answers `PING`.
    public init() throws {
        directory = try TestDirectory.make(prefix: "outpost-redis")
        port = try FreePort.find()
        socketPath = directory + "/redis.sock"
        process = try Self.launch(directory: directory, port: port, socketPath: socketPath)
        try waitUntilReady()
    }

    deinit {
        process.signal(SIGCONT)
        process.stop(seconds: 5)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The server over loopback TCP.
    public var tcpEndpoint: RedisEndpoint { RedisEndpoint(address: .tcp(host: "127.0.0.1", port: port)) }
    /// The server over its unix socket.
    public var unixEndpoint: RedisEndpoint { RedisEndpoint(address: .unix(path: socketPath)) }
    /// `redis://127.0.0.1:<port>/0`.
    public var tcpURL: String { "redis://127.0.0.1:\(port)/0" }
    /// `unix://<socket>`.
    public var unixURL: String { "unix://\(socketPath)" }

    /// Kills the server (`SIGKILL`) and waits for it to be gone.
    public func kill() {
        process.signal(SIGKILL)
        _ = process.waitForExit(seconds: 5)
    }

    /// Freezes the server (`SIGSTOP`): connections stay open, nothing answers.
    public func pause() { process.signal(SIGSTOP) }

    /// Thaws a paused server (`SIGCONT`).
    public func resume() { process.signal(SIGCONT) }

    /// Starts the server again on the same port and socket (after `kill()`).
    public func restart() throws {
        process = try Self.launch(directory: directory, port: port, socketPath: socketPath)
        try waitUntilReady()
    }

    /// Runs `redis-cli` against the unix socket and returns its output, trimmed.
    public func cli(_ arguments: [String]) throws -> String {
        let cli = Process()
        cli.executableURL = URL(fileURLWithPath: try Self.find("redis-cli"))
        cli.arguments = ["-s", socketPath] + arguments
        let output = Pipe()
        cli.standardOutput = output
        cli.standardError = FileHandle.nullDevice
        try cli.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        cli.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: internals

    private static func launch(directory: String, port: Int, socketPath: String) throws -> TestProcess {
        try TestProcess(
            executable: find("redis-server"),
            arguments: [
                "--bind", "127.0.0.1", "--port", String(port), "--unixsocket", socketPath, "--unixsocketperm", "700",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", directory,
                "--maxmemory-policy", "noeviction", "--logfile", "",
            ],
            directory: directory, name: "redis")
    }

    private func waitUntilReady() throws {
        try OutpostStack.waitFor(seconds: 10) { (try? cli(["PING"])) == "PONG" }
    }

    private static func find(_ name: String) throws -> String {
        for directory in ["/usr/bin", "/usr/local/bin", "/usr/sbin"] {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw TestHarnessError("\(name) is not installed (apt-get install redis-server); the Redis tests need it")
    }
}

nonisolated(unsafe) private var sharedServerPID: pid_t = 0
