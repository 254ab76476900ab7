import Foundation
import OutpostConfig

/// What `dev --watch` watches — the package's sources, the config, its `.dev.vars*` and the
/// migrations folders of its D1 bindings — and what a change to a path means.
struct WatchPlan: Sendable, Equatable {
    /// The package root (the directory of `Package.swift`).
    var packageRoot: String
    /// The config file, absolute.
    var configFile: String
    /// The migrations folder (absolute) of each D1 binding, by binding.
    var migrationDirectories: [String: String]

    /// The plan for `config` in the package at `packageRoot`.
    init(packageRoot: String, config: WorkerConfig) {
        self.packageRoot = packageRoot
        // `file` is the path as the user gave it (or the file name found in the working directory).
        configFile = ConfigPath.normalize(config.directory + "/" + (config.file as NSString).lastPathComponent)
        var folders: [String: String] = [:]
        for database in config.d1Databases {
            if let migrations = try? D1CLI.migrations(config: config, database: database.binding) {
                folders[database.binding] = migrations.directory
            }
        }
        migrationDirectories = folders
    }

    /// The config file's directory (where `.dev.vars*` live).
    var configDirectory: String { (configFile as NSString).deletingLastPathComponent }

    /// The directories to watch: the package root (for `Package.swift`), `Sources/` and everything
    /// below it, the config's directory and each migrations folder (with its subfolders).
    var directories: [(path: String, recursive: Bool)] {
        var list: [(path: String, recursive: Bool)] = [(packageRoot, false), (packageRoot + "/Sources", true)]
        if !list.contains(where: { $0.path == configDirectory }) { list.append((configDirectory, false)) }
        for folder in Set(migrationDirectories.values).sorted() { list.append((folder, true)) }
        return list
    }

    /// What a change to `path` means, `nil` for a file that does not matter: editor scratch files
    /// (`*.swp`, `*~`, vim's `4913` probe, emacs' `.#name`), anything under `.build`, other files.
    func classify(_ path: String) -> WatchChange? {
        let name = (path as NSString).lastPathComponent
        guard !Self.isScratchFile(name), !path.split(separator: "/").contains(where: Self.isBuildDirectory) else {
            return nil
        }
        if path == configFile { return .config }
        let directory = (path as NSString).deletingLastPathComponent
        if directory == configDirectory, name.hasPrefix(".dev.vars") || name.hasPrefix(".env") { return .secrets }
        for (database, folder) in migrationDirectories.sorted(by: { $0.key < $1.key })
        where path.hasPrefix(folder + "/") {
            return .migrations(database: database)
        }
        if path == packageRoot + "/Package.swift" || path.hasPrefix(packageRoot + "/Sources/") { return .sources }
        return nil
    }

    /// Whether a recursive watch skips the directory `name`: build output and hidden directories.
    static func isSkippedDirectory(_ name: String) -> Bool {
        isBuildDirectory(name[...]) || name.hasPrefix(".")
    }

    private static func isBuildDirectory(_ component: Substring) -> Bool {
        component == ".build" || component.hasPrefix(".build-") || component.hasPrefix(".build_")
    }

    /// Files editors write beside the one being saved.
    static func isScratchFile(_ name: String) -> Bool {
        name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".swpx")
            || name == "4913" || name.hasPrefix(".#") || (name.hasPrefix("#") && name.hasSuffix("#"))
    }
}
