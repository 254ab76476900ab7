import Foundation
import OutpostConfig
import Synchronization

/// `dev --watch`: watches the plan's files and, once a save is over (debounced), acts on what
/// changed — sources: rebuild, then the supervisor's rolling reload on success (a failed build
/// leaves the running workers serving); the config: re-render and reload nginx, reload the workers;
/// `.dev.vars`: reload the workers; a new migration file: report it, or apply it. Everything runs on
/// two threads of its own (inotify's and the one that builds), never on Swift's cooperative pool.
final class DevWatcher: Sendable {
    /// What the watcher does, provided by the dev session.
    struct Actions: Sendable {
        /// Loads the config again, as the command line names it.
        var loadConfig: @Sendable () throws -> WorkerConfig
        /// Renders nginx's config for `config` and reloads nginx; throws what nginx said against it.
        var reloadNginx: @Sendable (WorkerConfig) throws -> Void
        /// The supervisor's rolling reload.
        var reloadWorkers: @Sendable () -> Void
        /// Applies the unapplied migrations of a database (`dev --apply-migrations`); `nil`: report only.
        var applyMigrations: (@Sendable (WorkerConfig, String) -> Void)?
        /// Writes to the console.
        var write: @Sendable (ArraySlice<UInt8>) -> Void
    }

    private struct State: Sendable {
        var schedule: ChangeSchedule
        var plan: WatchPlan
        var config: WorkerConfig
        var migrations: [String: [String]] = [:]
    }

    /// The prefix of the watcher's status lines.
    static let prefix = "[watch] "

    private let build: WorkerBuild
    private let actions: Actions
    private let state: Mutex<State>
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)
    private let files: FileWatcher

    /// A watcher for `config`'s worker, built by `build`; acts `quiet` after the last change.
    init(config: WorkerConfig, build: WorkerBuild, actions: Actions, quiet: Duration = .milliseconds(300)) throws {
        self.build = build
        self.actions = actions
        let plan = WatchPlan(packageRoot: build.packagePath, config: config)
        state = Mutex(State(schedule: ChangeSchedule(quiet: quiet), plan: plan, config: config))
        files = try FileWatcher(skipDirectory: WatchPlan.isSkippedDirectory)
    }

    /// Starts watching; prints what is watched.
    func start() {
        let plan = state.withLock { $0.plan }
        var count = 0
        for directory in plan.directories { count += files.watch(directory.path, recursive: directory.recursive) }
        state.withLock { current in
            for (database, _) in current.plan.migrationDirectories {
                current.migrations[database] = Self.migrationFiles(database, in: current.config)
            }
        }
        say(
            "watching \(count) directories: the sources of \(plan.packageRoot) (Sources/, Package.swift), "
                + "\((plan.configFile as NSString).lastPathComponent), .dev.vars"
                + (plan.migrationDirectories.isEmpty ? "" : " and the migrations folders"))
        files.start { [self] path in changed(path) }
        Thread.detachNewThread { [self] in loop() }
    }

    /// Stops watching; a build under way is left to finish in the background.
    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        files.stop()
        wake.signal()
    }

    /// Notes a changed path (from the inotify thread).
    private func changed(_ path: String) {
        let noted = state.withLock { current -> Bool in
            guard let change = current.plan.classify(path) else { return false }
            current.schedule.note(change, path: path, at: .now)
            return true
        }
        if noted { wake.signal() }
    }

    // MARK: - The building thread

    private func loop() {
        while !stopped.load(ordering: .acquiring) {
            let (batch, due) = state.withLock { current -> (ChangeSchedule.Batch?, ContinuousClock.Instant?) in
                if let batch = current.schedule.takeDue(at: .now) { return (batch, nil) }
                return (nil, current.schedule.dueTime)
            }
            if let batch {
                run(batch)
                continue
            }
            guard let due else {
                wake.wait()
                continue
            }
            let (seconds, attoseconds) = (due - .now).components
            let milliseconds = max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
            _ = wake.wait(timeout: .now() + .milliseconds(milliseconds))
        }
    }

    private func run(_ batch: ChangeSchedule.Batch) {
        var reload = false
        if batch.changes.contains(.sources) { reload = rebuild(after: batch.paths) }
        if batch.changes.contains(.config) { reload = reloadConfig() || reload }
        if batch.changes.contains(.secrets) {
            say("secrets changed (\(describe(batch.paths.filter(isSecretsFile)))); reloading the worker")
            reload = true
        }
        let databases = batch.changes.compactMap { change -> String? in
            if case .migrations(let database) = change { return database }
            return nil
        }
        for database in databases.sorted() { announceNewMigrations(database) }
        if reload { actions.reloadWorkers() }
    }

    /// Builds; returns whether the workers should be reloaded (the build succeeded).
    private func rebuild(after paths: [String]) -> Bool {
        let plan = state.withLock { $0.plan }
        let sources = paths.filter { plan.classify($0) == .sources }
        say(
            "building \(build.product) (\(build.configuration)) after a change to \(describe(sources)): \(build.commandLine)"
        )
        let outcome = build.run(output: actions.write)
        let took = String(
            format: "%.1f s",
            Double(outcome.duration.components.seconds)
                + Double(outcome.duration.components.attoseconds) / 1e18)
        guard outcome.succeeded else {
            let count = outcome.errors.count
            let first = outcome.errors.first.map { ": \($0)" } ?? ""
            say(
                "✘ build failed in \(took) (\(count) error\(count == 1 ? "" : "s")\(first)); "
                    + "the previous build keeps serving")
            return false
        }
        say("✔ build succeeded in \(took); reloading the worker (requests in flight finish on the old one)")
        return true
    }

    /// Loads the changed config, re-renders nginx; returns whether the workers should be reloaded.
    private func reloadConfig() -> Bool {
        let config: WorkerConfig
        do {
            config = try actions.loadConfig()
        } catch {
            say("✘ the config has an error; nginx and the worker keep the previous one:\n\(error)")
            return false
        }
        let previous = state.withLock { current -> WorkerConfig in
            defer {
                current.config = config
                current.plan = WatchPlan(packageRoot: current.plan.packageRoot, config: config)
            }
            return current.config
        }
        watchNewMigrationFolders(config)
        if previous.outpost.stateDir != config.outpost.stateDir || previous.outpost.devPort != config.outpost.devPort {
            say("state_dir and dev_port changes take effect when dev restarts")
        }
        do {
            try actions.reloadNginx(config)
            say("config changed: nginx re-rendered and reloaded; reloading the worker")
        } catch {
            say("✘ nginx refused the new config; it keeps the previous one:\n\(error)")
        }
        return true
    }

    private func watchNewMigrationFolders(_ config: WorkerConfig) {
        let added = state.withLock { current -> [String] in
            var added: [String] = []
            for (database, folder) in current.plan.migrationDirectories where current.migrations[database] == nil {
                current.migrations[database] = Self.migrationFiles(database, in: config)
                added.append(folder)
            }
            return added
        }
        for folder in added { files.watch(folder, recursive: true) }
    }

    /// Reports (or applies) the migration files of `database` that were not there before.
    private func announceNewMigrations(_ database: String) {
        let (config, new) = state.withLock { current -> (WorkerConfig, [String]) in
            let files = Self.migrationFiles(database, in: current.config)
            let known = Set(current.migrations[database] ?? [])
            current.migrations[database] = files
            return (current.config, files.filter { !known.contains($0) })
        }
        guard !new.isEmpty else { return }
        guard let apply = actions.applyMigrations else {
            for name in new {
                say(
                    "new migration \(name) for \(database); run `\(build.product) d1 migrations apply \(database)` "
                        + "or restart with --apply-migrations")
            }
            return
        }
        say("new migration\(new.count == 1 ? "" : "s") \(new.joined(separator: ", ")) for \(database); applying")
        apply(config, database)
    }

    private static func migrationFiles(_ database: String, in config: WorkerConfig) -> [String] {
        (try? D1CLI.migrations(config: config, database: database).files()) ?? []
    }

    // MARK: - Output

    private func say(_ line: String) {
        actions.write(ArraySlice(Array((Self.prefix + line + "\n").utf8)))
    }

    private func isSecretsFile(_ path: String) -> Bool {
        let plan = state.withLock { $0.plan }
        return plan.classify(path) == .secrets
    }

    /// `a.swift`, `a.swift and b.swift`, `a.swift and 3 more`: paths relative to the package.
    private func describe(_ paths: [String]) -> String {
        let root = build.packagePath + "/"
        let names = paths.map { $0.hasPrefix(root) ? String($0.dropFirst(root.count)) : $0 }
        switch names.count {
        case 0: return "a file"
        case 1: return names[0]
        case 2: return names[0] + " and " + names[1]
        default: return names[0] + " and \(names.count - 1) more"
        }
    }
}
