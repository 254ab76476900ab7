import ArgumentParser

/// `d1`: wrangler's `d1` commands on the local database files the server uses.
struct D1Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "d1", abstract: "Query, migrate and export D1 databases.",
        subcommands: [D1ExecuteCommand.self, D1MigrationsCommand.self, D1ExportCommand.self, D1NodeCommand.self])
}
