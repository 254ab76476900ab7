import ArgumentParser
import Foundation
import OutpostConfig

/// `d1`: wrangler's `d1` commands on the local database files the server uses.
struct D1Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "d1", abstract: "Query, migrate and export D1 databases.",
        subcommands: [D1ExecuteCommand.self, D1MigrationsCommand.self, D1ExportCommand.self])
}

/// `d1 execute DB --command SQL | --file FILE [--json] [-y]`.
struct D1ExecuteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute", abstract: "Run SQL (one atomic batch) against a D1 database.")

    @OptionGroup var options: ConfigOptions
    @Argument(help: "The binding or database_name of the database.") var database: String
    @Option(help: "The SQL to run.") var command: String?
    @Option(help: "A file of SQL to run.") var file: String?
    @Flag(help: "Print the results as JSON.") var json = false
    @Flag(name: [.customShort("y"), .long], help: "Answer yes to prompts.") var yes = false
    @Flag(help: "Run on the local database (the default; accepted for wrangler compatibility).") var local = false

    func run() throws {
        print(
            try D1CLI.execute(
                config: options.load(), database: database, command: command, file: file, json: json))
    }
}

/// `d1 export DB [--output FILE] [--no-schema] [--no-data] [--table T]`.
struct D1ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a SQL dump (schema and rows) of a D1 database.")

    @OptionGroup var options: ConfigOptions
    @Argument(help: "The binding or database_name of the database.") var database: String
    @Option(help: "The file to write (default: standard output).") var output: String?
    @Flag(name: .customLong("no-schema"), help: "Leave out CREATE statements.") var noSchema = false
    @Flag(name: .customLong("no-data"), help: "Leave out INSERT statements.") var noData = false
    @Option(name: .customLong("table"), help: "Only this table (repeatable).") var tables: [String] = []
    @Flag(help: "Export the local database (the default; accepted for wrangler compatibility).") var local = false

    func run() throws {
        let dump = try D1CLI.export(
            config: options.load(), database: database, schema: !noSchema, data: !noData, tables: tables)
        if let output {
            try dump.write(toFile: output, atomically: true, encoding: .utf8)
            print("🌀 Exported the database to \(output)")
        } else {
            print(dump, terminator: "")
        }
    }
}
