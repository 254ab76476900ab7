import Foundation

/// Finds, reads and resolves a worker's config file.
public enum ConfigLoader {
    /// Loads the config: `explicitPath` if given, else `wrangler.toml`, else `wrangler-like.toml` in
    /// `workingDirectory`; applies `[env.<environment>]`; reads `.dev.vars`.
    ///
    /// TEMPORARY: defaults only, until the TOML reader lands.
    public static func load(
        explicitPath: String?,
        environment: String?,
        workingDirectory: String
    ) throws(ConfigError) -> WorkerConfig {
        let file = explicitPath ?? "wrangler-like.toml"
        var config = WorkerConfig(file: file, directory: workingDirectory)
        config.environment = environment
        config.outpost.stateDir = ConfigPath.resolve(".outpost/state", against: workingDirectory)
        config.outpost.listen = .unix(path: config.outpost.stateDir + "/outpost.sock")
        return config
    }
}
