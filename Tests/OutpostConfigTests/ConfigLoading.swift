import OutpostConfig
import OutpostTestSupport

/// Writes `toml` (and any `files`) to a fresh directory and loads it with `environment`.
func loadConfig(
    _ toml: String, environment: String? = nil, files: [String: String] = [:],
    name: String = "wrangler-like.toml"
) throws -> WorkerConfig {
    let directory = try TemporaryDirectory()
    try directory.write(name, toml)
    for (file, text) in files { try directory.write(file, text) }
    return try ConfigLoader.load(explicitPath: nil, environment: environment, workingDirectory: directory.path)
}

/// The description of the error loading `toml` throws, or `nil` when it loads.
func loadError(_ toml: String, environment: String? = nil, name: String = "wrangler-like.toml") -> String? {
    do {
        _ = try loadConfig(toml, environment: environment, name: name)
        return nil
    } catch {
        return "\(error)"
    }
}
