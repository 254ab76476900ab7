extension AssetsConfig {
    /// Reads `[assets]`; `directory` is required and resolves against `directory`.
    init(field: ConfigField, directory: String, warnings: inout [ConfigDiagnostic]) throws(ConfigError) {
        let members = try field.table()
        guard let folder = members.first(where: { $0.key == "directory" }) else {
            throw field.error("missing required key `directory` (the folder of static files)")
        }
        self.init(directory: ConfigPath.resolve(try folder.nonEmptyString(), against: directory))
        for member in members {
            switch member.key {
            case "directory": break
            case "binding": binding = try member.nonEmptyString()
            case "html_handling", "not_found_handling": _ = try member.string()
            case "run_worker_first", "experimental_serve_directly": break
            default: warnings.append(ConfigSchema.unknownKey(member, known: ConfigSchema.assets))
            }
        }
    }
}
