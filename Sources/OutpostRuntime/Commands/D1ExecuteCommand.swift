import ArgumentParser
import Foundation
import OutpostConfig

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
