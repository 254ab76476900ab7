import ArgumentParser
import Foundation
import Glibc
import Logging
import Outpost
import OutpostConfig
import OutpostFastCGI
import Synchronization

/// `dev`: the worker behind a private nginx on a loopback port, for local development.
struct DevCommand: WorkerCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run the worker behind a private nginx on 127.0.0.1 (no root needed); Ctrl-C stops both.")

    @OptionGroup var options: ConfigOptions

    @Option(help: "The loopback HTTP port (default: [outpost] dev_port, 8787).")
    var port: Int?

    @Option(help: "Accept threads (overrides [outpost] threads).")
    var threads: Int?

    func run(worker: any Worker) async throws {
        let logger = LoggingSetup.logger("outpost.dev")
        var config = try options.load()
        if let threads { config.outpost.threads = threads }
        for warning in config.warnings { logger.warning("\(warning)") }
        guard let nginx = NginxExecutable.find() else { throw RuntimeError(NginxExecutable.missingMessage) }
        let httpPort = port ?? config.outpost.devPort
        let socketPath = config.outpost.stateDir + "/dev.sock"
        let listener = try ListenerSetup.open(config: config, address: .unix(path: socketPath))
        defer { listener.close() }
        // The same generator as `nginx-site`, on a loopback port and every host.
        let site = NginxSite(
            sites: [
                try NginxSite.Site(id: config.name ?? "worker", config: config, fastcgiAddress: "unix:\(socketPath)")
            ],
            listen: "127.0.0.1:\(httpPort)", useRoutes: false)
        for warning in site.warnings { logger.warning("\(warning)") }
        let prefix = config.outpost.stateDir + "/nginx"
        let confPath = try site.writeDevConfig(prefix: prefix)
        let arguments = options.childArguments + (threads.map { ["--threads", String($0)] } ?? [])
        let session = DevSession(
            nginxArguments: [nginx, "-p", prefix, "-c", confPath, "-e", "stderr"], logger: logger)
        let code = try session.run(url: "http://127.0.0.1:\(httpPort)") { onStop, ready in
            Supervise.run(
                listener: listener, workerArguments: arguments, config: config,
                pool: PoolSize(processes: 1, spares: 0), logger: logger, dev: true, onStop: onStop, ready: ready)
        }
        if code != 0 { throw ExitCode(code) }
    }
}
