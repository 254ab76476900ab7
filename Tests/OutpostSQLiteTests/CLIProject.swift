import Foundation
import Outpost
import OutpostSQLite
import OutpostTestSupport
import OutpostTesting

/// A temporary project folder for running the real `hello` executable's `d1` commands in, and reading
/// the SQLite files they leave behind.
final class CLIProject {
    let directory: String

    /// A project with `config` as its `wrangler.toml` (no config file when `nil`).
    init(config: String? = CLIProject.defaultConfig) throws {
        directory = NSTemporaryDirectory() + "outpost-d1-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let config { try write("wrangler.toml", config) }
    }

    /// One database, `DB` / `main-db`, with wrangler's default migrations settings.
    static let defaultConfig = """
        name = "d1-cli-test"
        [[d1_databases]]
        binding = "DB"
        database_name = "main-db"
        database_id = "00000000-0000-0000-0000-000000000000"
        """

    /// The default config with extra keys in the database's table.
    static func config(_ extra: String) -> String { defaultConfig + "\n" + extra + "\n" }

    /// Writes `contents` (bytes as given) to `path` under the project, creating folders.
    func write(_ path: String, _ contents: String) throws {
        let full = directory + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(contents.utf8)) else {
            throw TestHarnessError("could not write \(full)")
        }
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: directory + "/" + path) }

    /// What a command printed and how it exited.
    struct Run {
        var code: Int32?
        var stdout: String
        var stderr: String
    }

    /// Runs `hello d1 <arguments>` in the project folder, without a terminal.
    func d1(_ arguments: [String]) throws -> Run {
        let process = try TestProcess(
            executable: OutpostStack.productsDirectory + "/hello", arguments: ["d1"] + arguments,
            directory: directory, environment: ["CI": "false"], name: ".run-\(UUID().uuidString.prefix(8))")
        let code = process.waitForExit(seconds: 60)
        defer {
            try? FileManager.default.removeItem(atPath: process.stdoutPath)
            try? FileManager.default.removeItem(atPath: process.stderrPath)
        }
        return Run(code: code, stdout: process.stdout, stderr: process.stderr)
    }

    /// The database file of `main-db` under `stateDir`.
    func databasePath(stateDir: String = ".outpost/state") -> String {
        directory + "/" + stateDir + "/d1/main-db.sqlite"
    }

    /// The rows of `sql` read straight from the database file the commands wrote.
    func query(_ sql: String, stateDir: String = ".outpost/state") throws -> [[D1Value]] {
        try SQLiteConnection(path: databasePath(stateDir: stateDir)).query(sql)
    }

    /// The names recorded in `d1_migrations`, in the order they were applied.
    func appliedMigrations() throws -> [String] {
        try query("SELECT name FROM d1_migrations ORDER BY id").compactMap {
            if case .text(let name) = $0.first { return name }
            return nil
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}
