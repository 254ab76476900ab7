extension D1DatabaseConfig {
    /// Reads one `[[d1_databases]]` entry; relative `migrations_dir` resolves against `directory`.
    init(field: ConfigField, directory: String, warnings: inout [ConfigDiagnostic]) throws(ConfigError) {
        let members = try field.table()
        guard let binding = members.first(where: { $0.key == "binding" }) else {
            throw field.error("missing required key `binding` (the name the worker uses in env)")
        }
        self.init(
            binding: try binding.nonEmptyString(),
            migrationsDir: ConfigPath.resolve("migrations", against: directory))
        line = field.line
        for member in members {
            switch member.key {
            case "binding": break
            case "database_name": databaseName = try member.fileNameComponent()
            case "database_id": databaseID = try member.nonEmptyString()
            case "preview_database_id": previewDatabaseID = try member.nonEmptyString()
            case "migrations_dir":
                let dir = try member.nonEmptyString()
                configuredMigrationsDir = dir
                migrationsDir = ConfigPath.resolve(dir, against: directory)
            case "migrations_table": migrationsTable = try member.nonEmptyString()
            case "migrations_pattern": migrationsPattern = try member.nonEmptyString()
            case "database_internal_env": _ = try member.string()
            case "remote", "experimental_remote": _ = try member.bool()
            case "backend", "url", "timeout_ms": break
            default: warnings.append(ConfigSchema.unknownKey(member, known: ConfigSchema.d1Database))
            }
        }
        backend = try D1BackendConfig(entry: field, members: members, warnings: &warnings)
    }
}
