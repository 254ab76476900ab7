public import ArgumentParser
import Foundation
public import OutpostConfig

/// The options every command that reads the config shares: `--config`, `--env`, `--persist-to`.
/// A worker's own commands take them with `@OptionGroup var options: ConfigOptions`.
public struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "The config file (default: the first of wrangler.json, wrangler.jsonc, wrangler.toml, wrangler-like.toml in the working directory)."
    )
    var config: String?

    @Option(name: [.customLong("env"), .customShort("e")], help: "Apply the [env.NAME] section of the config.")
    var environment: String?

    @Option(
        name: .customLong("persist-to"),
        help: "The state directory for KV and D1 files (overrides [outpost] state_dir).")
    var persistTo: String?

    /// Options as parsed (ArgumentParser's requirement).
    public init() {}

    /// Loads and resolves the config, applying `--persist-to`, and checks its crons.
    public func load() throws -> WorkerConfig {
        let workingDirectory = FileManager.default.currentDirectoryPath
        var loaded = try ConfigLoader.load(
            explicitPath: config, environment: environment, workingDirectory: workingDirectory)
        if let persistTo {
            let previous = loaded.outpost.stateDir
            loaded.outpost.stateDir = ConfigPath.resolve(persistTo, against: workingDirectory)
            if case .unix(let path) = loaded.outpost.listen, path == previous + "/outpost.sock" {
                loaded.outpost.listen = .unix(path: loaded.outpost.stateDir + "/outpost.sock")
            }
        }
        _ = try CronConfigValidator.parsedCrons(in: loaded)
        return loaded
    }
}
