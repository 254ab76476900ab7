package import Foundation
package import Outpost
package import OutpostConfig

/// wrangler's D1 migrations for one database: the files `migrations_pattern` matches under
/// `migrations_dir`, recorded in `migrations_table`.
///
/// Paths follow wrangler's rules: `migrations_dir` (default `migrations`) and `migrations_pattern`
/// (default `<migrations_dir>/*.sql`, `**` allowed, dot files never matched) are relative to the
/// project (the config file's directory); the pattern must start with `<migrations_dir>/`. A
/// migration's name is its path relative to `migrations_dir`, with `/`.
package struct D1Migrations: Sendable {
    /// The project directory (the config file's directory).
    package let projectDirectory: String
    /// `migrations_dir`, normalized (`./` and a trailing `/` removed).
    package let migrationsDir: String
    /// `migrations_pattern`, normalized, relative to the project.
    package let pattern: String
    /// The table that records applied migrations (`migrations_table`).
    package let table: String
    /// The config file's name in messages (`wrangler.toml`, `wrangler.json`, `wrangler.jsonc`).
    package let configFile: String
    /// Whether `migrations_dir` was set in the config (wrangler's missing-folder hint depends on it).
    package let isDirConfigured: Bool

    /// The migrations of `database` (wrangler's defaults when `nil`) in `projectDirectory`, whose config
    /// file is `configPath`; fails with wrangler's message when the pattern is set without `migrations_dir` or
    /// does not start with `<migrations_dir>/` (an absolute pattern or one that leaves the directory
    /// included).
    package init(database: D1DatabaseConfig?, configPath: String, projectDirectory: String) throws(D1CLIError) {
        self.projectDirectory = projectDirectory
        configFile = D1Databases.configFileName(configPath)
        table = database?.migrationsTable ?? "d1_migrations"
        // A config built in code may set only the resolved directory.
        let defaultDir = ConfigPath.resolve("migrations", against: projectDirectory)
        let configuredDir =
            database?.configuredMigrationsDir
            ?? database.flatMap { $0.migrationsDir == defaultDir ? nil : $0.migrationsDir }
        isDirConfigured = configuredDir != nil
        let rawPattern = database?.migrationsPattern
        if let rawPattern, !isDirConfigured {
            throw D1CLIError(
                "You have set `migrations_pattern: \"\(rawPattern)\"` in your \(configFile) file but have not set "
                    + "`migrations_dir` for this D1 binding.\n\nWhen `migrations_pattern` is set, `migrations_dir` "
                    + "must also be set, and `migrations_pattern` must start with `${migrations_dir}/`. Add a "
                    + "`migrations_dir` entry to your \(configFile) file (for example, "
                    + "`\"migrations_dir\": \"migrations\"`).")
        }
        let dir = MigrationPath.normalize(configuredDir ?? "./migrations")
        migrationsDir = dir
        let defaultPattern = MigrationPath.normalize(dir + "/*.sql")
        guard let rawPattern else {
            pattern = defaultPattern
            return
        }
        pattern = MigrationPath.normalize(rawPattern)
        guard Self.relative(pattern, to: dir) != nil else {
            throw D1CLIError(
                "The configured `migrations_pattern: \"\(rawPattern)\"` in your \(configFile) file must start with "
                    + "`\(dir)/` to match `\"migrations_dir\": \"\(dir)\"`.\n\nEither change `migrations_pattern` "
                    + "so it starts with `\(dir)/` (for example, `\"\(defaultPattern)\"`), or change "
                    + "`migrations_dir` to match the start of your pattern.")
        }
    }

    /// The migrations in `directory` (an absolute path) with wrangler's default pattern (`*.sql` files
    /// directly inside it), recorded in `table`.
    package init(directory: String, table: String = "d1_migrations") {
        projectDirectory = (directory as NSString).deletingLastPathComponent
        migrationsDir = MigrationPath.normalize(directory)
        pattern = MigrationPath.normalize(directory + "/*.sql")
        self.table = table
        configFile = "wrangler.toml"
        isDirConfigured = true
    }

    /// `pattern` without its `<dir>/` prefix, `nil` when it does not start with it.
    private static func relative(_ pattern: String, to dir: String) -> String? {
        if dir == "." { return pattern }
        guard pattern.hasPrefix(dir + "/") else { return nil }
        return String(pattern.dropFirst(dir.count + 1))
    }

    /// The migrations directory as an absolute path.
    package var directory: String {
        let joined = migrationsDir.hasPrefix("/") ? migrationsDir : projectDirectory + "/" + migrationsDir
        return ConfigPath.normalize(joined)
    }

    /// wrangler's table DDL (the table name double-quoted, `"` doubled).
    package var createTableSQL: String {
        "CREATE TABLE IF NOT EXISTS \(quotedTable)(\n\t\tid         INTEGER PRIMARY KEY AUTOINCREMENT,\n"
            + "\t\tname       TEXT UNIQUE,\n\t\tapplied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL\n);"
    }

    var quotedTable: String { "\"" + table.replacing("\"", with: "\"\"") + "\"" }

    // MARK: Files

    /// The migration names, in wrangler's order: every regular file under the directory whose path
    /// matches the pattern (directories the pattern cannot reach are not walked).
    package func files() -> [String] {
        files(matching: GlobPattern(Self.relative(pattern, to: migrationsDir) ?? pattern))
    }

    private func files(matching glob: GlobPattern) -> [String] {
        var found: [String] = []
        var pending: [String] = [""]
        let manager = FileManager.default
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? directory : directory + "/" + relative
            guard let entries = try? manager.contentsOfDirectory(atPath: absolute) else { continue }
            for entry in entries {
                let child = relative.isEmpty ? entry : relative + "/" + entry
                let type = (try? manager.attributesOfItem(atPath: absolute + "/" + entry))?[.type] as? FileAttributeType
                if type == .typeDirectory {
                    if glob.matches(child, partial: true) { pending.append(child) }
                } else if type == .typeRegular, glob.matches(child) {
                    found.append(child)
                }
            }
        }
        return Self.ordered(found)
    }

    /// `names` in wrangler's order: segment by segment, by leading number (numbered before unnumbered),
    /// then lexicographically — `1_a, 9_b, 10_c, z`.
    package static func ordered(_ names: [String]) -> [String] {
        names.sorted(by: MigrationPath.precedes)
    }

    /// wrangler's warning when the pattern matches nothing but the folder has drizzle's
    /// `*/migration.sql` layout, else `nil`.
    package func drizzleHint() -> String? {
        guard files().isEmpty, !files(matching: GlobPattern("*/migration.sql")).isEmpty else { return nil }
        let drizzle = MigrationPath.normalize(migrationsDir + "/*/migration.sql")
        return "Could not find any migration files matching `\(pattern)`. It looks like there are migration files "
            + "matching `\(drizzle)` though. If you are using drizzle to manage your migrations, please set "
            + "`migrations_pattern` to `\(drizzle)` in \(configFile)."
    }

    /// Whether the migrations directory exists.
    package var directoryExists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// wrangler's warning for a missing migrations directory.
    package var missingDirectoryWarning: String {
        "No migrations folder found."
            + (isDirConfigured
                ? "" : " Set `migrations_dir` in your \(configFile) file to choose a different path.")
    }

    /// wrangler's error for a missing migrations directory.
    package var missingDirectoryError: D1CLIError { D1CLIError("No migrations present at \(directory).") }

    /// The number of the next migration: one more than the highest leading number among the matched
    /// files (`1` when none is numbered).
    package func nextNumber() -> Int {
        let highest = files().compactMap(MigrationPath.number(of:)).max() ?? 0
        return highest >= Double(Int.max - 1) ? Int.max : max(0, Int(highest)) + 1
    }

    /// The file name `migrations create` would write for `message` (`NNNN_message_with_underscores.sql`),
    /// refused with wrangler's message when it holds a path separator or the pattern would not match it.
    package func newFileName(message: String) throws(D1CLIError) -> String {
        let name = message.replacing(" ", with: "_")
        if name.contains("/") || name.contains("\\") {
            throw D1CLIError(
                "The migration name \(JSONValue.string(message).serialized) contains a path separator (\"/\" or "
                    + "\"\\\"). Please remove this and try again.")
        }
        let file = "\(Self.padded(nextNumber()))_\(name).sql"
        let proposed = MigrationPath.normalize(migrationsDir + "/" + file)
        guard GlobPattern(pattern).matches(proposed) else {
            throw D1CLIError(
                "Wrangler would like to make a new migration called `\(proposed)` but it does not match the "
                    + "configured `migrations_pattern: \"\(pattern)\"` in your \(configFile) file, so `wrangler d1 "
                    + "migrations apply` would not pick it up. `wrangler d1 migrations create` only writes top-level "
                    + "files inside `migrations_dir`.\n\nIf you are using an ORM like drizzle to manage migrations, "
                    + "use the ORM's command (e.g. `drizzle-kit generate`) instead of `wrangler d1 migrations create` "
                    + "— it will create files in the nested layout your `migrations_pattern` expects.\n\nOtherwise, "
                    + "change `migrations_pattern` in your \(configFile) file to match top-level `.sql` files (for "
                    + "example, `\(migrationsDir)/*.sql`).")
        }
        return file
    }

    /// Writes migration `file` (from `newFileName`) into the existing directory with wrangler's header
    /// and returns its path.
    package func create(file: String, now: Date = Date()) throws(D1CLIError) -> String {
        let number = String(file.prefix { $0 != "_" })
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let header = "-- Migration number: \(number) \t \(formatter.string(from: now))\n"
        let path = directory + "/" + file
        guard FileManager.default.createFile(atPath: path, contents: Data(header.utf8)) else {
            throw D1CLIError("Could not create the migration file \(path).")
        }
        return path
    }

    /// `number` zero-padded to four digits.
    static func padded(_ number: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    // MARK: Database

    /// Creates the migrations table if needed.
    package func createTable(on storage: any D1Storage) async throws {
        _ = try await storage.execute([D1Query(sql: createTableSQL)], sessionToken: nil)
    }

    /// The names recorded as applied, in application order (creating the table if needed).
    package func applied(on storage: any D1Storage) async throws -> [String] {
        try await createTable(on: storage)
        let sql = "SELECT *\n\t\tFROM \(quotedTable)\n\t\tORDER BY id"
        let response = try await storage.execute([D1Query(sql: sql)], sessionToken: nil)
        guard let result = response.results.first, let column = result.columns.firstIndex(of: "name") else {
            return []
        }
        return result.rows.compactMap { row in
            if case .text(let name) = row[column] { return name }
            return nil
        }
    }

    /// The matched files not yet recorded as applied, in order.
    package func unapplied(on storage: any D1Storage) async throws -> [String] {
        let done = Set(try await applied(on: storage))
        return files().filter { !done.contains($0) }
    }

    /// The SQL wrangler runs for migration `name`: its file, then the insert recording it.
    package func sql(for name: String) throws -> String {
        let contents = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        let escaped = name.replacing("'", with: "''")
        return contents + "\nINSERT INTO \(quotedTable) (name)\nvalues ('\(escaped)');"
    }

    /// Applies migration `name` as one atomic batch (its statements and the recording insert).
    package func apply(_ name: String, on storage: any D1Storage) async throws {
        _ = try await D1SQLRunner.execute(try sql(for: name), on: storage)
    }

    /// What `applyAll(on:)` did: each attempted migration with its outcome, and the first failure.
    package struct ApplyReport: Sendable {
        /// `(name, applied?)` for each migration attempted, in order.
        package var outcomes: [(name: String, applied: Bool)] = []
        /// The failing migration's error, if one failed (later ones were not attempted).
        package var failure: String?
    }

    /// Applies every unapplied migration to `storage` in order, each atomically, stopping at the first
    /// failure and reporting it instead of throwing (for test fixtures; the commands print as they go).
    package func applyAll(on storage: any D1Storage) async throws -> ApplyReport {
        var report = ApplyReport()
        for name in try await unapplied(on: storage) {
            do {
                try await apply(name, on: storage)
                report.outcomes.append((name, true))
            } catch {
                report.outcomes.append((name, false))
                report.failure = String(describing: error)
                break
            }
        }
        return report
    }
}
