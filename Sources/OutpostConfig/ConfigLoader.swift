import Foundation

/// Finds, reads and resolves a worker's config file.
public enum ConfigLoader {
    /// Loads the config: `explicitPath` (relative to `workingDirectory`) if given, else the first of
    /// `wrangler.json`, `wrangler.jsonc`, `wrangler.toml`, `wrangler-like.toml` in `workingDirectory`;
    /// applies `[env.<environment>]`; reads `.dev.vars`. A `.json`/`.jsonc` file is JSON with comments
    /// and trailing commas; every format goes through the same schema. `${NAME}` in Redis URLs is
    /// expanded from `processEnvironment` (default: this process's), then `.dev.vars`.
    ///
    /// Unknown keys and bindings missing from the environment become `warnings`; syntax errors, wrong
    /// types and bad values throw a `ConfigError` with file, line and key path.
    public static func load(
        explicitPath: String?,
        environment: String?,
        workingDirectory: String,
        processEnvironment: [String: String]? = nil
    ) throws(ConfigError) -> WorkerConfig {
        let cwd = ConfigPath.resolve(workingDirectory, against: FileManager.default.currentDirectoryPath)
        let location = try ConfigFileLocator(workingDirectory: cwd).locate(explicitPath: explicitPath)
        let root = try parse(location)
        let resolution = try EnvironmentResolver(file: location.display).resolve(root, environment: environment)
        var builder = WorkerConfigBuilder(
            file: location.display, directory: location.directory, environment: environment)
        try builder.apply(resolution)
        let secrets = try loadSecrets(location: location, environment: environment)
        builder.applySecrets(secrets)
        try builder.resolveRedisURLs(
            environment: processEnvironment ?? ProcessInfo.processInfo.environment, secrets: secrets)
        return builder.config
    }

    private static func parse(_ location: ConfigFileLocator.Location) throws(ConfigError) -> ConfigTable {
        guard let data = FileManager.default.contents(atPath: location.absolute),
            let text = String(data: data, encoding: .utf8)
        else {
            throw ConfigError(file: location.display, line: 0, keyPath: "", message: "cannot be read as UTF-8 text")
        }
        guard location.isJSON else {
            do {
                return try TOMLParser.parse(text)
            } catch {
                throw ConfigError(file: location.display, line: error.line, keyPath: "", message: error.message)
            }
        }
        do {
            return try ConfigValue(jsonc: try JSONCParser.parse(text)).tableValue ?? ConfigTable()
        } catch {
            throw ConfigError(
                file: location.display, line: error.line, column: error.column, keyPath: "", message: error.message)
        }
    }

    private static func loadSecrets(
        location: ConfigFileLocator.Location, environment: String?
    ) throws(ConfigError) -> SecretsLoader.Result {
        let displayDirectory = (location.display as NSString).deletingLastPathComponent
        let loader = SecretsLoader(directory: location.directory, displayDirectory: displayDirectory)
        return try loader.load(environment: environment)
    }
}
