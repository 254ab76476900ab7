public import ArgumentParser
import Foundation
public import Outpost
package import OutpostConfig

/// The options every command that reads the config shares: `--config`, `--env`, `--persist-to`.
/// A worker's own commands take them with `@OptionGroup var options: ConfigOptions` and get the
/// worker's bindings from `loadEnv()`.
///
/// JS equivalent: wrangler's global `--config`, `--env` and `--persist-to` flags.
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

    /// Options as parsed (ArgumentParser's requirement). JS equivalent: none (yargs builds its options).
    public init() {}

    /// The worker's `env` as `serve` builds it from the config these options name: vars, secrets and
    /// every KV and D1 binding on the same files the server uses. Loads the config once.
    /// JS equivalent: `getPlatformProxy({ configPath, environment, persist })` → `env`.
    public func loadEnv() throws -> Env {
        try EnvFactory(config: load()).makeEnv()
    }

    /// Loads and resolves the config, applying `--persist-to`, and checks its crons.
    package func load() throws -> WorkerConfig {
        try Self.load(config: config, environment: environment, persistTo: persistTo)
    }

    /// What `load()` does with these options' values (for a caller that keeps the values, not the
    /// options: `dev --watch` loads the config again on a change).
    static func load(config: String?, environment: String?, persistTo: String?) throws -> WorkerConfig {
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
