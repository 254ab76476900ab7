import ArgumentParser
import Foundation
import OutpostConfig

/// `d1 execute DB --command SQL | --file FILE [--json] [-y] [--local] [--persist-to DIR]`.
struct D1ExecuteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute", abstract: "Run SQL (one atomic batch) against a D1 database.",
        discussion: "You must provide either --command or --file for this command to run successfully.")

    @OptionGroup var options: ConfigOptions
    @OptionGroup var target: D1TargetOptions
    @Argument(help: "The binding or database_name of the database.") var database: String
    @Option(help: "The SQL query you wish to execute, or multiple queries separated by ';'.") var command: String?
    @Option(help: "A .sql file to ingest.") var file: String?
    @Flag(help: "Return output as JSON (errors too, on stdout).") var json = false
    @Flag(name: [.customShort("y"), .long], help: "Answer \"yes\" to any prompts.") var yes = false

    func run() async throws {
        let config = try options.loadIfPresent()
        do {
            print(
                try await D1CLI.execute(
                    config: config, database: database, command: command, file: file,
                    target: target.target(options), json: json))
        } catch  where json {
            let reported = D1CLIError.reporting(error)
            print((reported as? D1CLIError ?? D1CLIError(String(describing: reported))).json)
            throw ExitCode.failure
        } catch {
            throw D1CLIError.reporting(error)
        }
    }
}
