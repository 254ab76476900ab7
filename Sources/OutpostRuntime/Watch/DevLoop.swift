import Foundation
import Glibc
import Logging
import OutpostConfig
import Synchronization

/// What runs beside `dev`'s nginx and workers once they serve: the watcher (`--watch`) and the keys
/// (when standard input is a terminal, which is put back as it was on `stop()`).
final class DevLoop: Sendable {
    /// The URL `dev` serves.
    let url: String
    private let config: WorkerConfig
    private let build: WorkerBuild?
    private let session: DevSession
    private let site: DevSite
    private let logger: Logger
    private let loadConfig: @Sendable () throws -> WorkerConfig
    private let applyMigrations: (@Sendable (WorkerConfig, String) -> Void)?
    private let watcher = Mutex<DevWatcher?>(nil)
    private let terminal = Mutex<RawTerminal?>(nil)

    /// The loop for `session` serving `url`; `build` is `nil` without `--watch`.
    init(
        url: String, config: WorkerConfig, build: WorkerBuild?, session: DevSession, site: DevSite, logger: Logger,
        loadConfig: @escaping @Sendable () throws -> WorkerConfig,
        applyMigrations: (@Sendable (WorkerConfig, String) -> Void)?
    ) {
        self.url = url
        self.config = config
        self.build = build
        self.session = session
        self.site = site
        self.logger = logger
        self.loadConfig = loadConfig
        self.applyMigrations = applyMigrations
    }

    /// Starts the watcher and the keys (the servers are ready: `supervisor` and `nginx` serve).
    func start(supervisor: Supervisor, nginx: ChildProcess) {
        if let build { startWatching(build, supervisor: supervisor, nginx: nginx) }
        if let raw = RawTerminal.enter() {
            terminal.withLock { $0 = raw }
            Self.write(DevKeys.help + "\n")
            DevKeys(url: url, print: Self.write).start(on: raw) { kill(getpid(), SIGINT) }
        }
    }

    /// How a rolling reload ended (the supervisor's report).
    func reloadEnded(_ succeeded: Bool) {
        guard build != nil else { return }
        Self.write(
            DevWatcher.prefix
                + (succeeded
                    ? "✔ reloaded: new requests go to the new worker\n"
                    : "✘ the new worker did not start (see its messages above); the previous one keeps serving\n"))
    }

    /// Stops watching and restores the terminal.
    func stop() {
        watcher.withLock { $0 }?.stop()
        terminal.withLock { $0 }?.restore()
    }

    private func startWatching(_ build: WorkerBuild, supervisor: Supervisor, nginx: ChildProcess) {
        if build.scratchPath == nil {
            logger.warning(
                """
                \(ChildProcess.launchPath) is not in a SwiftPM build directory: --watch builds into the package's \
                .build, and the reloaded worker is still this executable
                """)
        }
        let session = self.session
        let site = self.site
        let logger = self.logger
        let actions = DevWatcher.Actions(
            loadConfig: loadConfig,
            reloadNginx: { config in
                _ = try site.write(config: config, logger: logger)
                try session.reloadNginx(nginx)
            },
            reloadWorkers: { supervisor.reload() },
            applyMigrations: applyMigrations,
            write: { FileHandle.standardOutput.write(Data($0)) })
        do {
            let started = try DevWatcher(config: config, build: build, actions: actions)
            started.start()
            watcher.withLock { $0 = started }
        } catch {
            logger.error("cannot watch for changes: \(error)")
        }
    }

    private static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
