import Foundation

/// Finds the config file: an explicit path, else `wrangler.json`, `wrangler.jsonc`, `wrangler.toml`,
/// `wrangler-like.toml` (wrangler's order, with Outpost's own name last).
struct ConfigFileLocator {
    /// A config file found on disk.
    struct Location: Equatable {
        /// The path as the user would recognise it: as given, or the file name when found by lookup.
        var display: String
        /// The absolute, normalized path.
        var absolute: String
        /// The absolute directory holding the file.
        var directory: String

        /// Whether the file is JSON / JSONC (by its extension); anything else is TOML.
        var isJSON: Bool { absolute.hasSuffix(".json") || absolute.hasSuffix(".jsonc") }
    }

    /// The names looked for, in order, when no path is given.
    static let defaultNames = ["wrangler.json", "wrangler.jsonc", "wrangler.toml", "wrangler-like.toml"]

    /// The absolute working directory.
    let workingDirectory: String

    /// The config file for `explicitPath`, or the first default name that exists.
    func locate(explicitPath: String?) throws(ConfigError) -> Location {
        if let explicitPath {
            let location = location(for: explicitPath)
            guard isFile(location.absolute) else {
                throw ConfigError(
                    file: explicitPath, line: 0, keyPath: "", message: "config file not found (\(location.absolute))")
            }
            return location
        }
        for name in Self.defaultNames {
            let location = location(for: name)
            if isFile(location.absolute) { return location }
        }
        var error = ConfigError(
            file: workingDirectory, line: 0, keyPath: "",
            message:
                "no config file found: looked for \(Self.defaultNames.joined(separator: ", ")) in this directory")
        error.isNoConfigFile = true
        throw error
    }

    private func location(for path: String) -> Location {
        let absolute = ConfigPath.resolve(path, against: workingDirectory)
        let directory = ConfigPath.normalize(absolute + "/..")
        return Location(display: path, absolute: absolute, directory: directory.isEmpty ? "/" : directory)
    }

    private func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
