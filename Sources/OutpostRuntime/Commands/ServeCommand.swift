import ArgumentParser
import Foundation
import Logging
import Outpost
import OutpostConfig
import OutpostFastCGI

/// `serve`: production. Opens the listen socket and supervises the pool of worker processes.
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
        let pool = PoolSize(config: config)
        logger.info(
            "serving",
            metadata: [
                "listen": "\(listener.address)", "processes": "\(pool.processes)",
                "threads": "\(config.outpost.threads)", "config": "\(config.file)",
            ])
        let code = Supervise.run(
            listener: listener, workerArguments: options.childArguments + overrides.childArguments,
            config: config, pool: pool, logger: logger)
        listener.close()
        if code != 0 { throw ExitCode(code) }
    }
}
