import Foundation

/// Finds and reads the local secrets next to the config, as wrangler does: `.dev.vars.<env>` (with an
/// environment) or `.dev.vars`; when neither exists, `.env` then `.env.<env>`, the later overriding.
struct SecretsLoader {
    /// The secrets read, the files they came from and problems with skipped lines.
    struct Result {
        /// Name → value.
        var secrets: [String: String] = [:]
        /// The files read, as shown in messages.
        var files: [String] = []
        /// Lines that could not be read (never showing a value).
        var warnings: [ConfigDiagnostic] = []
    }

    /// The absolute directory of the config file.
    let directory: String
    /// The same directory as the user sees it (empty for the working directory), for messages.
    let displayDirectory: String

    /// The file names to read, in order, for `environment`.
    func candidates(environment: String?) -> [String] {
        let devVars = (environment.map { [".dev.vars.\($0)"] } ?? []) + [".dev.vars"]
        if let first = devVars.first(where: exists) { return [first] }
        return ([".env"] + (environment.map { [".env.\($0)"] } ?? [])).filter(exists)
    }

    /// Reads the secrets for `environment`.
    func load(environment: String?) throws(ConfigError) -> Result {
        var result = Result()
        for name in candidates(environment: environment) {
            let shown = displayDirectory.isEmpty ? name : "\(displayDirectory)/\(name)"
            let text = try read(name, shown: shown)
            let (entries, problems) = DotenvParser.parse(text)
            for entry in entries { result.secrets[entry.key] = entry.value }
            result.warnings += problems.map {
                ConfigDiagnostic(file: shown, line: $0.line, keyPath: "", message: $0.message)
            }
            result.files.append(shown)
        }
        return result
    }

    private func exists(_ name: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: "\(directory)/\(name)", isDirectory: &isDirectory)
            && !isDirectory.boolValue
    }

    private func read(_ name: String, shown: String) throws(ConfigError) -> String {
        guard let data = FileManager.default.contents(atPath: "\(directory)/\(name)"),
            let text = String(data: data, encoding: .utf8)
        else { throw ConfigError(file: shown, line: 0, keyPath: "", message: "cannot be read as UTF-8 text") }
        return text
    }
}
