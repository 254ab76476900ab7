import ArgumentParser
import Foundation
import Glibc
import Logging
import Outpost
import OutpostConfig
import OutpostFastCGI

/// `serve`: production. Opens the listen socket and supervises the worker process.
struct ServeCommand: WorkerCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the worker over FastCGI (for nginx's fastcgi_pass), supervised like php-fpm's master.")

    @OptionGroup var options: ConfigOptions
    @OptionGroup var overrides: ServeOverrides

    func run(worker: any Worker) async throws {
        let logger = LoggingSetup.logger("outpost.serve")
        var config = try options.load()
        try overrides.apply(to: &config)
        for warning in config.warnings { logger.warning("\(warning)") }
        let listener = try ListenerSetup.open(config: config)
        defer { ListenSocket.remove(listener.address) }
        logger.info(
            "serving",
            metadata: [
                "listen": "\(listener.address)", "threads": "\(config.outpost.threads)", "config": "\(config.file)",
            ])
        let code = Supervise.run(
            listenFD: listener.fd, workerArguments: options.childArguments + overrides.childArguments,
            config: config, logger: logger)
        if code != 0 { throw ExitCode(code) }
    }
}

/// Flags that override the `[outpost]` table for `serve` and `dev`.
struct ServeOverrides: ParsableArguments {
    @Option(help: "Where to listen: unix:/path/to.sock, 127.0.0.1:9000 (overrides [outpost] listen).")
    var listen: String?

    @Option(help: "Accept threads: requests served at once (overrides [outpost] threads).")
    var threads: Int?

    func apply(to config: inout WorkerConfig) throws {
        if let listen {
            guard let address = ListenAddress(parsing: listen, relativeTo: FileManager.default.currentDirectoryPath)
            else {
                throw ValidationError("--listen \(listen): expected unix:/path or host:port")
            }
            config.outpost.listen = address
        }
        if let threads {
            guard (1...1024).contains(threads) else { throw ValidationError("--threads must be from 1 to 1024") }
            config.outpost.threads = threads
        }
    }

    var childArguments: [String] {
        (listen.map { ["--listen", $0] } ?? []) + (threads.map { ["--threads", String($0)] } ?? [])
    }
}

extension ConfigOptions {
    /// The same options, as arguments for the worker process.
    var childArguments: [String] {
        (config.map { ["--config", $0] } ?? []) + (environment.map { ["--env", $0] } ?? [])
            + (persistTo.map { ["--persist-to", $0] } ?? [])
    }
}

/// Opens the configured listen socket, away from fd 3 (which the worker process receives it as).
enum ListenerSetup {
    struct Listener {
        let fd: Int32
        let address: SocketAddress
    }

    static func open(config: WorkerConfig, address override: SocketAddress? = nil) throws -> Listener {
        let address =
            override ?? socketAddress(config.outpost.listen ?? .unix(path: config.outpost.stateDir + "/outpost.sock"))
        var fd = try ListenSocket.open(
            address, mode: config.outpost.socketMode, group: config.outpost.socketGroup,
            backlog: Int32(config.outpost.backlog))
        if fd <= 3 {
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            close(fd)
            fd = moved
        }
        return Listener(fd: fd, address: address)
    }

    static func socketAddress(_ address: ListenAddress) -> SocketAddress {
        switch address {
        case .unix(let path): .unix(path: path)
        case .tcp(let host, let port): .tcp(host: host, port: port)
        }
    }
}

/// Runs the supervisor with signal forwarding until it stops.
enum Supervise {
    static func run(
        listenFD: Int32, workerArguments: [String], config: WorkerConfig, logger: Logger, dev: Bool = false,
        onStop: @escaping @Sendable () -> Void = {}, ready: @escaping @Sendable (Supervisor) -> Void = { _ in }
    ) -> Int32 {
        let supervisor = Supervisor(
            executable: ChildProcess.currentExecutable,
            arguments: [CommandLine.arguments[0], WorkerProcessCommand.name, "--listen-fd", "3"]
                + (dev ? ["--dev"] : []) + workerArguments,
            listenFD: listenFD, shutdownTimeoutMs: config.outpost.shutdownTimeoutMs, logger: logger)
        let watcher = SignalWatcher([SIGTERM, SIGINT, SIGQUIT, SIGHUP]) { signal in
            if signal == SIGHUP {
                supervisor.reload()
            } else {
                logger.info("stopping: finishing requests in flight")
                supervisor.stop()
                onStop()
            }
        }
        defer { watcher.cancel() }
        ready(supervisor)
        return supervisor.run()
    }
}
