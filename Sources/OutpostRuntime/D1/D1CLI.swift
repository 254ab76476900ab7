import Foundation
public import OutpostConfig
import OutpostSQLite

/// What the `d1` commands do, as functions of a config that return the text to print (testable
/// without a command line).
public enum D1CLI {
    /// `d1 execute DB --command SQL | --file FILE [--json]`: runs the SQL as one atomic batch.
    public static func execute(
        config: WorkerConfig, database name: String, command: String?, file: String?, json: Bool
    ) throws -> String {
        let sql: String
        switch (command, file) {
        case (.some, .some): throw D1CLIError("can't provide both --command and --file.")
        case (nil, nil): throw D1CLIError("must provide --command or --file.")
        case (let command?, nil): sql = command
        case (nil, let file?):
            guard let data = FileManager.default.contents(atPath: file) else {
                throw D1CLIError("Unable to read SQL text file \"\(file)\".")
            }
            if data.starts(with: Array("SQLite format 3\0".utf8)) {
                throw D1CLIError(
                    "Provided file is a binary SQLite database file instead of an SQL text file.\n"
                        + "The execute command can only process SQL text files.\n"
                        + "Please export an SQL file from your SQLite database and try again.")
            }
            sql = String(decoding: data, as: UTF8.self)
        }
        let database = try D1Databases.find(name, in: config)
        let engine = try D1Databases.open(database, in: config)
        let results = try D1SQLRunner.execute(sql, on: engine)
        if json { return D1SQLRunner.json(results) }
        let header =
            "🌀 Executing on local database \(database.binding) (\(database.localName)) from \(engine.location):"
        return header + "\n" + D1SQLRunner.text(results)
    }

    /// The migrations of database `name` in `config`.
    public static func migrations(config: WorkerConfig, database name: String) throws -> D1Migrations {
        let database = try D1Databases.find(name, in: config)
        return D1Migrations(directory: database.migrationsDir, table: database.migrationsTable)
    }

    /// `d1 migrations create DB "message"`: the new file's path, announced.
    public static func createMigration(config: WorkerConfig, database name: String, message: String) throws -> String {
        let path = try migrations(config: config, database: name).create(message: message)
        return "✅ Successfully created Migration '\((path as NSString).lastPathComponent)'!\n\nThe migration is "
            + "available for editing here\n\(path)"
    }

    /// `d1 migrations list DB`: the unapplied migrations, or `✅ No migrations to apply!`.
    public static func listMigrations(config: WorkerConfig, database name: String) throws -> String {
        let database = try D1Databases.find(name, in: config)
        let pending = try migrations(config: config, database: name)
            .unapplied(on: try D1Databases.open(database, in: config))
        if pending.isEmpty { return "✅ No migrations to apply!" }
        return "Migrations to be applied:\n" + TextTable.render(columns: ["Name"], rows: pending.map { [$0] })
    }

    /// The migrations `apply` would run for database `name`.
    public static func pendingMigrations(config: WorkerConfig, database name: String) throws -> [String] {
        let database = try D1Databases.find(name, in: config)
        return try migrations(config: config, database: name).unapplied(on: try D1Databases.open(database, in: config))
    }

    /// `d1 migrations apply DB`: applies in order, stopping at the first failure. Returns the ✅/❌ table
    /// and whether a migration failed.
    public static func applyMigrations(config: WorkerConfig, database name: String) throws -> (
        output: String, failed: Bool
    ) {
        let database = try D1Databases.find(name, in: config)
        let engine = try D1Databases.open(database, in: config)
        let report = try migrations(config: config, database: name).apply(on: engine)
        if report.outcomes.isEmpty { return ("✅ No migrations to apply!", false) }
        var output = TextTable.render(
            columns: ["Name", "Status"], rows: report.outcomes.map { [$0.name, $0.applied ? "✅" : "❌"] })
        if let failure = report.failure, let failed = report.outcomes.last?.name {
            output += "\n❌ Migration \(failed) failed with the following errors:\n\(failure)"
        }
        return (output, report.failure != nil)
    }

    /// `d1 export DB [--no-schema] [--no-data] [--table T]`: the SQL dump of the database.
    public static func export(
        config: WorkerConfig, database name: String, schema: Bool = true, data: Bool = true, tables: [String] = []
    ) throws -> String {
        let database = try D1Databases.find(name, in: config)
        return try D1Databases.open(database, in: config).exportSQL(schema: schema, data: data, tables: tables)
    }
}
