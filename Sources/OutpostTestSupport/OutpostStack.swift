import Foundation
import Glibc
import OutpostConfig
import OutpostRuntime

/// A worker executable served by `serve` behind a real nginx on a free loopback port — the way it
/// runs in production — in a temporary directory that holds its config and state.
public final class OutpostStack: @unchecked Sendable {
    /// The temporary directory (config, state, logs).
    public let directory: String
    /// nginx's HTTP port on 127.0.0.1.
    public let port: Int
    /// The FastCGI unix socket.
    public let socketPath: String
    /// The worker executable.
    public let executable: String
    /// The `serve` process (the supervisor).
    public let server: TestProcess
    /// The nginx process.
    public let nginx: TestProcess

    /// Starts `serve` of `executable` with `config` (TOML text; `[outpost] listen` is set here) and an nginx
    /// rendered by the `nginx-site` generator; `files` (path → text) are written next to the config first,
    /// e.g. an `[assets]` folder. With `keepAliveConnections`, nginx keeps its connections
    /// (`nginx-site --keep-conn`) and each worker process keeps that many (`--kept-connections`).
    public init(
        executable: String, config: String = "", threads: Int = 4, keepAliveConnections: Int? = nil,
        extraArguments: [String] = [], files: [String: String] = [:]
    ) throws {
        directory = try TestDirectory.make(prefix: "outpost-stack")
        for (name, text) in files {
            let url = URL(fileURLWithPath: directory + "/" + name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        port = try FreePort.find()
        socketPath = directory + "/state/outpost.sock"
        self.executable = executable
        let configPath = directory + "/wrangler.toml"
        try (config.isEmpty ? "name = \"test\"\n" : config).write(toFile: configPath, atomically: true, encoding: .utf8)
        server = try TestProcess(
            executable: executable,
            arguments: [
                "serve", "--config", configPath, "--persist-to", directory + "/state", "--listen", "unix:" + socketPath,
                "--threads", String(threads),
            ] + (keepAliveConnections.map { ["--kept-connections", String($0)] } ?? []) + extraArguments,
            directory: directory, name: "serve")
        guard let nginxExecutable = NginxExecutable.find() else {
            throw TestHarnessError(NginxExecutable.missingMessage)
        }
        let socket = socketPath
        let serve = server
        try Self.explained({ "serve did not create \(socket): \(serve.stderr.suffix(2000))" }) {
            try Self.waitFor { FileManager.default.fileExists(atPath: socket) }
        }
        // The site `dev` renders: the generator's output for this config (assets included).
        var loaded = try ConfigLoader.load(explicitPath: configPath, environment: nil, workingDirectory: directory)
        loaded.outpost.threads = threads
        if let keepAliveConnections { loaded.outpost.keptConnections = keepAliveConnections }
        loaded.outpost.maxBodyBytes = max(loaded.outpost.maxBodyBytes, 100 << 20)
        let site = NginxSite(
            sites: [try NginxSite.Site(id: "test", config: loaded, fastcgiAddress: "unix:" + socketPath)],
            listen: "127.0.0.1:\(port)", useRoutes: false, keepConn: keepAliveConnections != nil)
        let prefix = directory + "/nginx"
        let confPath = try site.writeDevConfig(prefix: prefix)
        nginx = try TestProcess(
            executable: nginxExecutable, arguments: ["-p", prefix, "-c", confPath, "-e", "stderr"],
            directory: directory, name: "nginx")
        let httpPort = port
        let nginxProcess = nginx
        try Self.explained({ "nginx did not answer on \(httpPort): \(nginxProcess.stderr.suffix(2000))" }) {
            try Self.waitFor { (try? HTTPTestClient(port: httpPort, timeoutSeconds: 2)) != nil }
        }
        // A port someone else listens on would answer for them: only this stack's nginx may.
        let nginxLog = nginx.stderr
        guard nginx.isRunning, !nginxLog.contains("Address already in use") else {
            throw TestHarnessError("nginx could not listen on 127.0.0.1:\(port): \(nginxLog)")
        }
    }

    /// The result of a command run against the stack's config and state.
    public struct CommandResult: Sendable {
        /// The exit code (`nil` when the command did not finish in time).
        public var code: Int32?
        /// What it printed on stdout.
        public var stdout: String
        /// What it printed on stderr.
        public var stderr: String
    }

    /// Runs the stack's executable with `arguments` plus `--config` and `--persist-to` of this stack
    /// (e.g. `["kv", "key", "get", "k", "--binding", "KV"]`), as an operator would beside the server.
    /// The `d1` commands that take `--persist-to` get `--local` too, which wrangler's rules require
    /// with it.
    public func command(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        let needsLocal =
            arguments.first == "d1"
            && (arguments.dropFirst().first == "execute" || arguments.contains("list")
                || arguments.contains("apply"))
        let process = try TestProcess(
            executable: executable,
            arguments: arguments + (needsLocal ? ["--local"] : [])
                + ["--config", directory + "/wrangler.toml", "--persist-to", directory + "/state"],
            directory: directory, environment: environment, name: "command-\(UUID().uuidString.prefix(6))")
        let code = process.waitForExit(seconds: 180)
        return CommandResult(code: code, stdout: process.stdout, stderr: process.stderr)
    }

    /// A new keep-alive connection to nginx.
    public func client() throws -> HTTPTestClient { try HTTPTestClient(port: port) }

    /// Sends one request on a new connection.
    public func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []) throws
        -> HTTPTestResponse
    {
        try client().request(method, path, headers: headers, body: body)
    }

    /// Stops nginx and the server; returns the server's exit code.
    @discardableResult
    public func stop() -> Int32? {
        nginx.stop()
        server.stop()
        return server.waitForExit(seconds: 1)
    }

    deinit {
        nginx.stop(seconds: 5)
        server.stop(seconds: 5)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Waits until `serve` says its worker processes accept; a timeout says what serve and nginx logged.
    public func waitUntilAccepting(seconds: Double = 15) throws {
        let serve = server
        try Self.explained({ "serve's worker processes did not start accepting: \(logs)" }) {
            try Self.waitFor(seconds: seconds) { serve.stderr.contains("worker processes accepting") }
        }
    }

    /// What serve and nginx logged (the ends of their stderr), for a failure's message.
    public var logs: String {
        "serve's stderr:\n\(server.stderr.suffix(3000))\nnginx's stderr:\n\(nginx.stderr.suffix(2000))"
    }

    /// Runs `body`; a failure is rethrown with `explanation()` in front of it.
    private static func explained(_ explanation: () -> String, _ body: () throws -> Void) throws {
        do { try body() } catch { throw TestHarnessError("\(explanation()) (\(error))") }
    }

    /// Polls `condition` every 20 ms for up to `seconds`.
    public static func waitFor(seconds: Double = 15, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() > deadline { throw TestHarnessError("timed out after \(seconds) s") }
            usleep(20_000)
        }
    }

    /// The package root (for the nginx template), found from this source file's path.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The directory holding the built products (the test runner's own directory).
    public static var productsDirectory: String {
        if let override = ProcessInfo.processInfo.environment["OUTPOST_PRODUCTS_DIR"] { return override }
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // The runner may live inside a bundle directory (…/OutpostPackageTests.xctest).
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("hello").path) {
            url.deleteLastPathComponent()
        }
        return url.path
    }
}
