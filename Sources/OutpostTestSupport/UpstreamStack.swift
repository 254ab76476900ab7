import Foundation
import Glibc
import OutpostConfig
import OutpostRuntime

/// Several Outpost hosts behind one nginx `upstream`, as in a multi-host deployment: `hostCount`
/// `serve` processes of one worker executable, each in its own directory (config, state directory,
/// FastCGI socket) with the same config text, and one nginx whose upstream lists every host's
/// socket. Each host is also reachable on its own nginx port, so a test can address one host
/// directly. Everything is stopped by PID when released.
public final class UpstreamStack: @unchecked Sendable {
    /// One host: its directory, socket, `serve` process and direct nginx.
    public struct Host: Sendable {
        /// The host's directory (`wrangler.toml`, `state/`, logs).
        public let directory: String
        /// Its FastCGI unix socket.
        public let socketPath: String
        /// Its `serve` process.
        public let server: TestProcess
        /// An nginx passing every request to this host only.
        public let nginx: TestProcess
        /// That nginx's HTTP port on 127.0.0.1.
        public let port: Int
    }

    /// The directory holding every host's directory and the shared nginx.
    public let directory: String
    /// The worker executable.
    public let executable: String
    /// The hosts, in order.
    public let hosts: [Host]
    /// The nginx whose upstream lists every host.
    public let nginx: TestProcess
    /// Its HTTP port on 127.0.0.1.
    public let port: Int

    /// Starts `hostCount` hosts of `executable` with `config` (TOML text), each with
    /// `environment(index)` added to its environment and `serve` running `threads` threads in one
    /// process, then the nginx in front of them all.
    public init(
        executable: String, config: String, hostCount: Int = 2, threads: Int = 8,
        environment: (Int) -> [String: String] = { _ in [:] }
    ) throws {
        directory = try TestDirectory.make(prefix: "outpost-upstream")
        self.executable = executable
        var servers: [(directory: String, socket: String, process: TestProcess)] = []
        for index in 0..<hostCount {
            let hostDirectory = directory + "/host\(index + 1)"
            try FileManager.default.createDirectory(atPath: hostDirectory, withIntermediateDirectories: true)
            try config.write(toFile: hostDirectory + "/wrangler.toml", atomically: true, encoding: .utf8)
            let socket = hostDirectory + "/state/outpost.sock"
            let process = try TestProcess(
                executable: executable,
                arguments: [
                    "serve", "--config", hostDirectory + "/wrangler.toml", "--persist-to", hostDirectory + "/state",
                    "--listen", "unix:" + socket, "--threads", String(threads), "--processes", "1",
                ],
                directory: hostDirectory, environment: environment(index), name: "serve")
            servers.append((hostDirectory, socket, process))
        }
        for server in servers {
            try OutpostStack.waitFor(seconds: 30) { FileManager.default.fileExists(atPath: server.socket) }
        }
        let loaded = try ConfigLoader.load(
            explicitPath: servers[0].directory + "/wrangler.toml", environment: nil,
            workingDirectory: servers[0].directory)
        let addresses = servers.map { "unix:" + $0.socket }
        var hosts: [Host] = []
        for (index, server) in servers.enumerated() {
            let (nginx, port) = try Self.nginx(
                config: loaded, addresses: [addresses[index]], prefix: directory + "/nginx-host\(index + 1)")
            hosts.append(
                Host(
                    directory: server.directory, socketPath: server.socket, server: server.process, nginx: nginx,
                    port: port))
        }
        self.hosts = hosts
        (nginx, port) = try Self.nginx(config: loaded, addresses: addresses, prefix: directory + "/nginx")
    }

    deinit {
        nginx.stop(seconds: 5)
        for host in hosts {
            host.nginx.stop(seconds: 5)
            host.server.stop(seconds: 10)
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Sends one request through the upstream (nginx picks the host) on a new connection.
    public func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [])
        throws -> HTTPTestResponse
    {
        try HTTPTestClient(port: port).request(method, path, headers: headers, body: body)
    }

    /// Sends one request to host `index` only, on a new connection.
    public func request(
        host index: Int, _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) throws -> HTTPTestResponse {
        try HTTPTestClient(port: hosts[index].port).request(method, path, headers: headers, body: body)
    }

    /// Runs the executable with `arguments` plus host `index`'s `--config` and `--persist-to`, as an
    /// operator would on that host; returns the exit code (`nil` after 60 s), stdout and stderr.
    public func command(host index: Int = 0, _ arguments: [String], environment: [String: String] = [:]) throws
        -> OutpostStack.CommandResult
    {
        let host = hosts[index]
        let process = try TestProcess(
            executable: executable,
            arguments: arguments + [
                "--config", host.directory + "/wrangler.toml", "--persist-to", host.directory + "/state",
            ],
            directory: host.directory, environment: environment, name: "command-\(UUID().uuidString.prefix(6))")
        let code = process.waitForExit(seconds: 60)
        return OutpostStack.CommandResult(code: code, stdout: process.stdout, stderr: process.stderr)
    }

    /// Starts an nginx under `prefix` on a free port whose one upstream lists `addresses`.
    private static func nginx(config: WorkerConfig, addresses: [String], prefix: String) throws -> (TestProcess, Int) {
        guard let executable = NginxExecutable.find() else { throw TestHarnessError(NginxExecutable.missingMessage) }
        var config = config
        config.outpost.maxBodyBytes = max(config.outpost.maxBodyBytes, 100 << 20)
        var site = try NginxSite.Site(id: "test", config: config, fastcgiAddress: addresses[0])
        site.peerAddresses = Array(addresses.dropFirst())
        let port = try FreePort.find()
        let path = try NginxSite(sites: [site], listen: "127.0.0.1:\(port)", useRoutes: false).writeDevConfig(
            prefix: prefix)
        let process = try TestProcess(
            executable: executable, arguments: ["-p", prefix, "-c", path, "-e", "stderr"],
            directory: prefix, name: "nginx")
        try OutpostStack.waitFor(seconds: 15) { (try? HTTPTestClient(port: port, timeoutSeconds: 2)) != nil }
        return (process, port)
    }
}
