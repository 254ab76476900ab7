import ArgumentParser
import Foundation
import Glibc
import Logging
import Outpost
import OutpostConfig
import OutpostFastCGI
import Synchronization

/// `dev`: the worker behind a private nginx on a loopback port, for local development; with
/// `--watch`, rebuilt and reloaded when a source, the config, `.dev.vars` or a migration changes.
struct DevCommand: WorkerCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run the worker behind a private nginx on 127.0.0.1 (no root needed); Ctrl-C stops both.",
        discussion: """
            With --watch, a saved source (Sources/**, Package.swift) rebuilds the worker's product and, \
            when the build succeeds, swaps the worker for the new binary without failing a request; a \
            changed config re-renders and reloads nginx and reloads the worker; a changed .dev.vars \
            reloads the worker; a new migration is reported (applied with --apply-migrations). On a \
            terminal: [b] opens a browser, [c] clears the console, [x] quits.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(help: "The loopback HTTP port (default: [outpost] dev_port, 8787).")
    var port: Int?

    @Option(help: "Accept threads (overrides [outpost] threads).")
    var threads: Int?

    @Flag(
        inversion: .prefixedNo, exclusivity: .chooseLast,
        help: "Rebuild and reload on a change to the sources, the config, .dev.vars or the migrations.")
    var watch = false

    @Option(
        help: """
            With --watch: the package to rebuild (default: the nearest Package.swift above the config file, \
            else above the working directory).
            """)
    var packagePath: String?

    @Option(help: "With --watch: the executable product to rebuild (default: this executable's name).")
    var product: String?

    @Flag(help: "Apply the D1 databases' unapplied migrations at start and, with --watch, new ones as they appear.")
    var applyMigrations = false

    func run(worker: any Worker) async throws {
        let logger = LoggingSetup.logger("outpost.dev")
        let loadConfig = Self.configLoader(options: options, threads: threads)
        let config = try loadConfig()
        for warning in config.warnings { logger.warning("\(warning)") }
        guard let nginx = NginxExecutable.find() else { throw RuntimeError(NginxExecutable.missingMessage) }
        let build = watch ? try watchBuild(config: config) : nil
        if applyMigrations { try await Self.applyMigrations(config) }
        let httpPort = port ?? config.outpost.devPort
        let socketPath = config.outpost.stateDir + "/dev.sock"
        let listener = try ListenerSetup.open(config: config, address: .unix(path: socketPath))
        defer { listener.close() }
        let prefix = config.outpost.stateDir + "/nginx"
        let site = DevSite(listen: "127.0.0.1:\(httpPort)", socketPath: socketPath, prefix: prefix)
        let confPath = try site.write(config: config, logger: logger)
        let arguments = options.childArguments + (threads.map { ["--threads", String($0)] } ?? [])
        let session = DevSession(
            nginxArguments: [nginx, "-p", prefix, "-c", confPath, "-e", "stderr"], logger: logger)
        let loop = DevLoop(
            url: "http://127.0.0.1:\(httpPort)", config: config, build: build, session: session, site: site,
            logger: logger,
            loadConfig: loadConfig, applyMigrations: applyMigrations ? Self.applyMigrationsBlocking : nil)
        defer { loop.stop() }
        // The session blocks until dev stops: on a thread of its own, not the cooperative pool.
        let outcome = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Int32, any Error>, Never>) in
            Thread.detachNewThread {
                continuation.resume(
                    returning: Result {
                        try session.run(url: loop.url, onReady: { loop.start(supervisor: $0, nginx: $1) }) {
                            onStop, ready in
                            Supervise.run(
                                listener: listener, workerArguments: arguments, config: config,
                                pool: PoolSize(processes: 1, spares: 0), logger: logger, dev: true, onStop: onStop,
                                reloadEnded: loop.reloadEnded, ready: ready)
                        }
                    })
            }
        }
        let code = try outcome.get()
        if code != 0 { throw ExitCode(code) }
    }

    /// What loads the config as the command line names it, with `--threads` applied.
    private static func configLoader(options: ConfigOptions, threads: Int?) -> @Sendable () throws -> WorkerConfig {
        let (path, environment, persistTo) = (options.config, options.environment, options.persistTo)
        return {
            var config = try ConfigOptions.load(config: path, environment: environment, persistTo: persistTo)
            if let threads { config.outpost.threads = threads }
            return config
        }
    }

    /// What `--watch` rebuilds: this executable's product in the package found for `config`.
    private func watchBuild(config: WorkerConfig) throws -> WorkerBuild {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let root: String
        if let packagePath {
            root = ConfigPath.normalize(ConfigPath.resolve(packagePath, against: workingDirectory))
            guard FileManager.default.fileExists(atPath: root + "/Package.swift") else {
                throw ValidationError("--package-path \(packagePath): there is no Package.swift in \(root)")
            }
        } else {
            guard let found = PackageRoot.find(from: [config.directory, workingDirectory]) else {
                throw ValidationError(
                    "--watch: no Package.swift above \(config.directory) or \(workingDirectory); "
                        + "name the package with --package-path")
            }
            root = found
        }
        let fallback = "/opt/swift/usr/bin/swift"
        guard
            let swift = ExecutableSearch.find("swift")
                ?? (FileManager.default.isExecutableFile(atPath: fallback) ? fallback : nil)
        else {
            throw ValidationError("--watch needs `swift` on PATH to rebuild the worker")
        }
        return WorkerBuild(executable: ChildProcess.launchPath, packagePath: root, product: product, swift: swift)
    }

    /// `d1 migrations apply` (without asking) for every D1 database that has a migrations folder.
    private static func applyMigrations(_ config: WorkerConfig) async throws {
        for database in config.d1Databases {
            guard (try? D1CLI.migrations(config: config, database: database.binding))?.directoryExists == true
            else { continue }
            try await D1CLI.applyMigrations(
                config: config, database: database.binding, confirm: false, console: .standard())
        }
    }

    /// `d1 migrations apply DATABASE` from the watcher's thread: runs as a task and waits for it
    /// there; a failure is printed (the server keeps running).
    @Sendable private static func applyMigrationsBlocking(_ config: WorkerConfig, _ database: String) {
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await D1CLI.applyMigrations(
                    config: config, database: database, confirm: false, console: .standard())
            } catch {
                FileHandle.standardError.write(Data("\(DevWatcher.prefix)✘ \(error)\n".utf8))
            }
            done.signal()
        }
        done.wait()
    }
}
