import ArgumentParser
import Foundation
import OutpostConfig

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
    @Flag(help: "Export the local database, the one the server uses (the default; Outpost has no other).")
    var local = false
    @Flag(help: "Refused: Outpost has no remote D1 databases.") var remote = false

    func run() throws {
        if local && remote { throw D1CLIError("Arguments local and remote are mutually exclusive") }
        try D1Target(remote: remote).requireLocal()
        guard let config = try options.loadIfPresent() else {
            throw D1Databases.notFound(database, configPath: nil)
        }
        let dump = try D1CLI.export(
            config: config, database: database, schema: !noSchema, data: !noData, tables: tables)
        if let output {
            try dump.write(toFile: output, atomically: true, encoding: .utf8)
            print("🌀 Exported the database to \(output)")
        } else {
            print(dump, terminator: "")
        }
    }
}
