import ArgumentParser
import Foundation
import OutpostConfig

/// `d1 migrations create|list|apply`.
struct D1MigrationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrations", abstract: "Create, list and apply D1 migrations.",
        subcommands: [Create.self, List.self, Apply.self])

    /// `d1 migrations create DB "message"`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the next numbered migration file.")

        @OptionGroup var options: ConfigOptions
        @Argument(help: "The binding or database_name of the database.") var database: String
        @Argument(help: "What the migration does (becomes its file name).") var message: String

        func run() throws {
            print(try D1CLI.createMigration(config: options.load(), database: database, message: message))
        }
    }

    /// `d1 migrations list DB`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the migrations not yet applied.")

        @OptionGroup var options: ConfigOptions
        @Argument(help: "The binding or database_name of the database.") var database: String
        @Flag(help: "Use the local database (the default).") var local = false

        func run() throws {
            print(try D1CLI.listMigrations(config: options.load(), database: database))
        }
    }

    /// `d1 migrations apply DB [-y]`.
    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply unapplied migrations in order, each atomically; stop at the first failure.")

        @OptionGroup var options: ConfigOptions
        @Argument(help: "The binding or database_name of the database.") var database: String
        @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation.") var yes = false
        @Flag(help: "Use the local database (the default).") var local = false

        func run() throws {
            let config = try options.load()
            let pending = try D1CLI.pendingMigrations(config: config, database: database)
            if !pending.isEmpty, !yes, isatty(STDIN_FILENO) == 1 {
                print(
                    "About to apply \(pending.count) migration(s)\n"
                        + "Your database may not be available to serve requests during the migration, continue? (Y/n) ",
                    terminator: "")
                let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
                guard answer.isEmpty || answer == "y" || answer == "yes" else { return }
            }
            let (output, failed) = try D1CLI.applyMigrations(config: config, database: database)
            print(output)
            if failed { throw ExitCode.failure }
        }
    }
}
