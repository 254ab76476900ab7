extension KVNamespaceConfig {
    /// The backends a namespace can use.
    static let backends: Set<String> = ["sqlite", "redis"]

    /// Reads one `[[kv_namespaces]]` entry; unknown keys are added to `warnings`.
    init(field: ConfigField, warnings: inout [ConfigDiagnostic]) throws(ConfigError) {
        let members = try field.table()
        guard let binding = members.first(where: { $0.key == "binding" }) else {
            throw field.error("missing required key `binding` (the name the worker uses in env)")
        }
        self.init(binding: try binding.nonEmptyString())
        line = field.line
        for member in members {
            switch member.key {
            case "binding": break
            case "id": id = try member.fileNameComponent()
            case "preview_id": previewID = try member.fileNameComponent()
            case "backend": backend = try Self.backend(member)
            case "url": url = try member.nonEmptyString()
            case "connect_timeout_ms", "command_timeout_ms": _ = try member.integer(in: 1...60_000)
            case "remote", "experimental_remote": _ = try member.bool()
            default: warnings.append(ConfigSchema.unknownKey(member, known: ConfigSchema.kvNamespace))
            }
        }
        try checkURL(field: field, members: members, warnings: &warnings)
    }

    private static func backend(_ field: ConfigField) throws(ConfigError) -> String {
        let name = try field.string()
        guard backends.contains(name) else { throw field.mismatch("\"sqlite\" or \"redis\"") }
        return name
    }

    private func checkURL(
        field: ConfigField, members: [ConfigField], warnings: inout [ConfigDiagnostic]
    ) throws(ConfigError) {
        let urlField = members.first { $0.key == "url" }
        if backend == "redis" {
            guard let url, let urlField else {
                throw field.error("backend \"redis\" needs a `url`, e.g. \"redis://127.0.0.1:6379/0\"")
            }
            guard url.hasPrefix("redis://") || url.hasPrefix("rediss://") || url.hasPrefix("unix://") else {
                throw urlField.mismatch("a redis://, rediss:// or unix:// URL")
            }
        } else {
            for member in members where ["url", "connect_timeout_ms", "command_timeout_ms"].contains(member.key) {
                warnings.append(member.warning("`\(member.key)` is only used with backend = \"redis\", ignored"))
            }
        }
    }
}
