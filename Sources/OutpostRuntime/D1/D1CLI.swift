import Foundation
import Outpost
package import OutpostConfig
import OutpostSQLite

/// What the `d1` commands do, in wrangler's order of checks and with wrangler's messages, as
/// functions of a config (testable without a command line). Every database is reached through its
/// `D1Storage`, the one the server uses.
package enum D1CLI {
    /// wrangler's message when a `d1 migrations` command finds no config file.
    package static let noConfigFileMessage =
        "No configuration file found. Create a wrangler.jsonc file to define your D1 database."

    /// `d1 execute DB --command SQL | --file FILE [--json]`: runs the SQL as one atomic batch and returns
    /// the text to print. `config` is `nil` when there is no config file (wrangler then reports the
    /// database as not found).
    package static func execute(
        config: WorkerConfig?, database name: String, command: String?, file: String?,
        target: D1Target = D1Target(), json: Bool
    ) async throws -> String {
        let command = command.flatMap { $0.isEmpty ? nil : $0 }
        let file = file.flatMap { $0.isEmpty ? nil : $0 }
        if command != nil, file != nil {
            throw D1CLIError("Error: can't provide both --command and --file.", jsonAsString: true)
        }
        guard command != nil || file != nil else {
            throw D1CLIError(
                "Missing required option --command or --file. Provide a SQL command inline with "
                    + "--command=\"<SQL>\", or a path to a SQL file with --file=<path>.")
        }
        try target.validate()
        let sql = try command ?? readSQLFile(file ?? "")
        try target.requireLocal()
        guard let config else { throw D1Databases.notFound(name, configPath: nil) }
        let database = try D1Databases.find(name, in: config)
        let storage = try D1Databases.storage(database, in: config)
        let results = try await D1SQLRunner.execute(sql, on: storage)
        if json { return D1SQLRunner.json(results) }
        let location = D1Databases.location(of: database, in: config)
        let header = "🌀 Executing on local database \(database.binding) (\(database.localName)) from \(location):"
        return header + "\n" + D1SQLRunner.text(results)
    }

    /// The text of SQL file `path`, refused with wrangler's sentences when it cannot be read or is a
    /// binary SQLite database.
    static func readSQLFile(_ path: String) throws(D1CLIError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw D1CLIError("Unable to read SQL text file \"\(path)\". Please check the file path and try again.")
        }
        if data.prefix(15).elementsEqual("SQLite format 3".utf8) {
            throw D1CLIError(
                "Provided file is a binary SQLite database file instead of an SQL text file. The execute command "
                    + "can only process SQL text files. Please export an SQL file from your SQLite database and try "
                    + "again.")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The migrations of database `name` in `config` (wrangler's defaults when it is not declared).
    package static func migrations(config: WorkerConfig, database name: String) throws(D1CLIError) -> D1Migrations {
        try D1Migrations(
            database: D1Databases.entry(name, in: config), configPath: config.file, projectDirectory: config.directory)
    }

    /// `d1 migrations create DB "message"`: writes the next migration file (creating the folder, after
    /// wrangler's confirmation, when missing) and prints where it is; returns its path.
    @discardableResult
    package static func createMigration(
        config: WorkerConfig, database name: String, message: String, console: D1Console
    ) throws -> String {
        let migrations = try D1Migrations(
            database: D1Databases.find(name, in: config), configPath: config.file, projectDirectory: config.directory)
        let file = try migrations.newFileName(message: message)
        if !migrations.directoryExists {
            let warning = migrations.missingDirectoryWarning
            guard console.confirm("\(warning)\nOk to create \(migrations.directory)?") else {
                console.warn(warning)
                throw migrations.missingDirectoryError
            }
            try FileManager.default.createDirectory(atPath: migrations.directory, withIntermediateDirectories: true)
        }
        let path = try migrations.create(file: file)
        console.print("✅ Successfully created Migration '\(file)'!\n")
        console.print("The migration is available for editing here")
        console.print(path)
        return path
    }

    /// `d1 migrations list DB`: prints the unapplied migrations, or `✅ No migrations to apply!`.
    package static func listMigrations(
        config: WorkerConfig, database name: String, target: D1Target = D1Target(), console: D1Console
    ) async throws {
        _ = try await announcePending(config: config, database: name, target: target, column: "Name", console: console)
    }

    /// `d1 migrations apply DB`: applies the unapplied migrations in order, each atomically, after
    /// wrangler's confirmation (skipped with `confirm: false`), printing the ✅/❌ table as it goes. A
    /// failure is reported on stderr and thrown; the migrations before it stay applied.
    package static func applyMigrations(
        config: WorkerConfig, database name: String, target: D1Target = D1Target(), confirm: Bool = true,
        console: D1Console
    ) async throws {
        guard
            let (migrations, storage, pending) = try await announcePending(
                config: config, database: name, target: target, column: "name", console: console)
        else { return }
        let question =
            "About to apply \(pending.count) migration(s)\n"
            + "Your database may not be available to serve requests during the migration, continue?"
        if confirm, !console.confirm(question) { return }
        var statuses = pending.map { _ in "🕒️" }
        for (index, name) in pending.enumerated() {
            do {
                try await migrations.apply(name, on: storage)
                statuses[index] = "✅"
                console.print(
                    TextTable.render(columns: ["name", "status"], rows: zip(pending, statuses).map { [$0, $1] }))
            } catch {
                statuses[index] = "❌"
                console.print(
                    TextTable.render(columns: ["name", "status"], rows: zip(pending, statuses).map { [$0, $1] }))
                console.printError("Error: Migration \(name) failed with the following errors:")
                throw D1CLIError.reporting(error)
            }
        }
    }

    /// The checks `list` and `apply` share, in wrangler's order: the pattern, the folder, the flags, the
    /// database.
    private static func prepareMigrations(
        config: WorkerConfig, database name: String, target: D1Target, console: D1Console
    ) throws -> (D1Migrations, any D1Storage) {
        let entry = D1Databases.entry(name, in: config)
        if entry == nil, target.remote { throw D1Databases.notFound(name, configPath: config.file) }
        let migrations = try D1Migrations(
            database: entry, configPath: config.file, projectDirectory: config.directory)
        guard migrations.directoryExists else {
            console.warn(migrations.missingDirectoryWarning)
            throw migrations.missingDirectoryError
        }
        try target.validate()
        try target.requireLocal()
        guard let entry else { throw D1Databases.notFound(name, configPath: config.file) }
        return (migrations, try D1Databases.storage(entry, in: config))
    }

    /// Prints the unapplied migrations under `column` (wrangler's `list` and `apply` headings differ in
    /// case), or `✅ No migrations to apply!` (and the drizzle hint when nothing matched) and `nil`.
    private static func announcePending(
        config: WorkerConfig, database name: String, target: D1Target, column: String, console: D1Console
    ) async throws -> (D1Migrations, any D1Storage, [String])? {
        let (migrations, storage) = try prepareMigrations(
            config: config, database: name, target: target, console: console)
        let pending = try await migrations.unapplied(on: storage)
        if pending.isEmpty {
            if let hint = migrations.drizzleHint() { console.warn(hint) }
            console.print("✅ No migrations to apply!")
            return nil
        }
        console.print("Migrations to be applied:")
        console.print(TextTable.render(columns: [column], rows: pending.map { [$0] }))
        return (migrations, storage, pending)
    }

    /// `d1 export DB [--no-schema] [--no-data] [--table T]`: the SQL dump of the database.
    package static func export(
        config: WorkerConfig, database name: String, schema: Bool = true, data: Bool = true, tables: [String] = []
    ) throws -> String {
        let database = try D1Databases.find(name, in: config)
        return try D1Databases.exportSQL(database, in: config, schema: schema, data: data, tables: tables)
    }
}
