import ArgumentParser

extension OutpostCommand {
    /// Every subcommand; each feature adds its command here.
    static let allSubcommands: [any ParsableCommand.Type] = [
        CheckCommand.self,
        D1Command.self,
    ]
}
