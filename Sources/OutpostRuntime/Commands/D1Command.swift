import ArgumentParser
import OutpostConfig

/// `d1`: wrangler's `d1` commands on the databases the server uses.
struct D1Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "d1", abstract: "Query, migrate and export D1 databases.",
        subcommands: [D1ExecuteCommand.self, D1MigrationsCommand.self, D1ExportCommand.self, D1NodeCommand.self])
}

extension ConfigOptions {
    /// The config, or `nil` when no config file exists (no `--config` and none found), which the `d1`
    /// commands report in wrangler's words.
    func loadIfPresent() throws -> WorkerConfig? {
        do {
            return try load()
        } catch let error as ConfigError where error.isNoConfigFile {
            return nil
        }
    }

    /// The config, or wrangler's `d1 migrations` error when there is no config file.
    func loadForMigrations() throws -> WorkerConfig {
        guard let config = try loadIfPresent() else { throw D1CLIError(D1CLI.noConfigFileMessage) }
        return config
    }
}
