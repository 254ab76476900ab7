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
        static let configuration = CommandConfiguration(
            abstract: "Create the next numbered migration file.",
            discussion: "The file is NNNN_<message>.sql inside migrations_dir, numbered after the highest migration "
                + "migrations_pattern matches.")

        @OptionGroup var options: ConfigOptions
        @Argument(help: "The binding or database_name of the database.") var database: String
        @Argument(help: "The migration message (becomes its file name).") var message: String

        func run() throws {
            do {
                try D1CLI.createMigration(
                    config: options.loadForMigrations(), database: database, message: message,
                    console: .standard())
            } catch {
                throw D1CLIError.reporting(error)
            }
        }
    }

    /// `d1 migrations list DB`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "View a list of unapplied migration files.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var target: D1TargetOptions
        @Argument(help: "The binding or database_name of the database.") var database: String

        func run() async throws {
            do {
                try await D1CLI.listMigrations(
                    config: options.loadForMigrations(), database: database, target: target.target(options),
                    console: .standard())
            } catch {
                throw D1CLIError.reporting(error)
            }
        }
    }

    /// `d1 migrations apply DB [-y]`.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply unapplied migrations in order, each atomically; stop at the first failure.",
            discussion: "Without a terminal the confirmation is printed and answered yes, as wrangler does.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var target: D1TargetOptions
        @Argument(help: "The binding or database_name of the database.") var database: String
        @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation.") var yes = false

        func run() async throws {
            do {
                try await D1CLI.applyMigrations(
                    config: options.loadForMigrations(), database: database, target: target.target(options),
                    confirm: !yes, console: .standard())
            } catch {
                throw D1CLIError.reporting(error)
            }
        }
    }
}
