import ArgumentParser

extension OutpostCommand {
    /// Every subcommand; each feature adds its command here.
    static let allSubcommands: [any ParsableCommand.Type] = [
        ServeCommand.self,
        DevCommand.self,
        CheckCommand.self,
        KVCommand.self,
        D1Command.self,
        CronCommand.self,
        WorkerProcessCommand.self,
        NginxSiteCommand.self,
    ]
}
