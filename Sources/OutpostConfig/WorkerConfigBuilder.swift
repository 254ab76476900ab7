/// Maps the resolved config fields onto `WorkerConfig`, collecting warnings and checking binding names.
struct WorkerConfigBuilder {
    /// The config being built.
    private(set) var config: WorkerConfig
    private var bindings = BindingRegistry()
    private var requiredSecretsField: ConfigField?
    /// `backend = "redis"` entries whose `url` is parsed once the secrets are known.
    private(set) var pendingRedisURLs: [(index: Int, url: ConfigField, members: [ConfigField])] = []

    /// A builder for the config in `file`, whose absolute directory is `directory`.
    init(file: String, directory: String, environment: String?) {
        config = WorkerConfig(file: file, directory: directory)
        config.environment = environment
    }

    /// Applies the environment's resolution: top-level fields, then `[outpost]`.
    mutating func apply(_ resolution: EnvironmentResolver.Resolution) throws(ConfigError) {
        config.warnings += resolution.warnings
        try Self.checkRouteKeys(resolution.fields)
        for field in resolution.fields { try apply(field, nameSuffix: resolution.nameSuffix) }
        config.outpost = try OutpostSettings(
            fields: resolution.outpost, directory: config.directory, warnings: &config.warnings)
    }

    private mutating func apply(_ field: ConfigField, nameSuffix: String?) throws(ConfigError) {
        switch field.key {
        case "name": config.name = try field.nonEmptyString() + (nameSuffix ?? "")
        case "main": config.main = try field.nonEmptyString()
        case "compatibility_date": config.compatibilityDate = try Self.compatibilityDate(field)
        case "compatibility_flags": config.compatibilityFlags = try field.stringArray()
        case "account_id": config.accountID = try field.string()
        case "workers_dev": config.workersDev = try field.bool()
        case "route": config.routes = [try route(field)]
        case "routes": config.routes = try routes(field)
        case "vars": try applyVars(field)
        case "kv_namespaces": try applyKVNamespaces(field)
        case "d1_databases": try applyD1Databases(field)
        case "triggers": try applyTriggers(field)
        case "assets": try applyAssets(field)
        case "secrets": try applySecretsTable(field)
        default: applyOther(field)
        }
    }

    private mutating func applyOther(_ field: ConfigField) {
        if ConfigSchema.unsupportedBindings.contains(field.key) {
            config.warnings.append(field.warning("not supported by Outpost, ignored (the binding will be missing)"))
        } else if !ConfigSchema.deployOnly.contains(field.key) {
            config.warnings.append(
                ConfigSchema.unknownKey(
                    field,
                    known: ConfigSchema.supported.union(ConfigSchema.deployOnly).union(ConfigSchema.unsupportedBindings)
                ))
        }
    }

    /// Takes the secrets read from `.dev.vars` (or `.env`); with `secrets.required`, keeps only the required
    /// ones and those overriding a var, and warns about required secrets that are not set, as wrangler does.
    mutating func applySecrets(_ loaded: SecretsLoader.Result) {
        config.secretsFiles = loaded.files
        config.warnings += loaded.warnings
        guard let required = config.requiredSecrets, let field = requiredSecretsField else {
            config.secrets = loaded.secrets
            return
        }
        let allowed = Set(required).union(config.vars.keys)
        config.secrets = loaded.secrets.filter { allowed.contains($0.key) }
        let source = loaded.files.isEmpty ? ".dev.vars" : loaded.files.joined(separator: ", ")
        for name in required where loaded.secrets[name] == nil {
            config.warnings.append(field.warning("required secret \"\(name)\" is not set in \(source)"))
        }
    }

    /// Parses the `url` of every `backend = "redis"` entry, expanding `${NAME}` from `environment`
    /// first, then from the `.dev.vars` secrets; call after the secrets are loaded.
    mutating func resolveRedisURLs(environment: [String: String], secrets loaded: SecretsLoader.Result)
        throws(ConfigError)
    {
        let source = loaded.files.isEmpty ? ".dev.vars" : loaded.files.joined(separator: ", ")
        for pending in pendingRedisURLs {
            config.kvNamespaces[pending.index].redis = try RedisKVConfig(
                urlField: pending.url, members: pending.members, lookup: { environment[$0] ?? loaded.secrets[$0] },
                secretsSource: source)
        }
    }

    /// `[secrets]`: `required = [names]`.
    private mutating func applySecretsTable(_ field: ConfigField) throws(ConfigError) {
        for member in try field.table() {
            guard member.key == "required" else {
                config.warnings.append(ConfigSchema.unknownKey(member, known: ConfigSchema.secrets))
                continue
            }
            config.requiredSecrets = try member.stringArray()
            requiredSecretsField = member
        }
    }

    /// `route` and `routes` are alternatives, as in wrangler.
    private static func checkRouteKeys(_ fields: [ConfigField]) throws(ConfigError) {
        let routeFields = fields.filter { $0.key == "route" || $0.key == "routes" }
        if routeFields.count > 1 {
            throw routeFields[1].error("`route` and `routes` cannot both be set; list every pattern in `routes`")
        }
    }

    /// `compatibility_date`: `YYYY-MM-DD`, as a string or a TOML date.
    private static func compatibilityDate(_ field: ConfigField) throws(ConfigError) -> String {
        let text = try field.stringOrDate()
        guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else {
            throw field.mismatch("a date like \"2025-05-01\"")
        }
        return text
    }

    private mutating func routes(_ field: ConfigField) throws(ConfigError) -> [String] {
        var patterns: [String] = []
        for element in try field.array() { patterns.append(try route(element)) }
        return patterns
    }

    /// A route, noting `custom_domain = true` ones in `config.customDomains`.
    private mutating func route(_ field: ConfigField) throws(ConfigError) -> String {
        let (pattern, customDomain) = try Self.route(field, warnings: &config.warnings)
        if customDomain { config.customDomains.insert(pattern) }
        return pattern
    }

    /// A route: a pattern string or a `{ pattern = …, zone_name = …, custom_domain = … }` table.
    private static func route(
        _ field: ConfigField, warnings: inout [ConfigDiagnostic]
    ) throws(ConfigError) -> (pattern: String, customDomain: Bool) {
        if case .string = field.value.kind { return (try field.nonEmptyString(), false) }
        guard field.value.tableValue != nil else { throw field.mismatch("a route pattern string or { pattern = … }") }
        let members = try field.table()
        guard let pattern = members.first(where: { $0.key == "pattern" }) else {
            throw field.error("missing required key `pattern`")
        }
        var customDomain = false
        for member in members where member.key != "pattern" {
            if ConfigSchema.route.contains(member.key) {
                if member.key == "custom_domain" { customDomain = try member.bool() } else { _ = try member.string() }
            } else {
                warnings.append(ConfigSchema.unknownKey(member, known: ConfigSchema.route))
            }
        }
        return (try pattern.nonEmptyString(), customDomain)
    }

    private mutating func applyVars(_ field: ConfigField) throws(ConfigError) {
        for member in try field.table() {
            try bindings.register(member.key, kind: "a var", at: member)
            config.vars[member.key] = try VarValue(vars: member)
        }
    }

    private mutating func applyKVNamespaces(_ field: ConfigField) throws(ConfigError) {
        for element in try field.array() {
            let namespace = try KVNamespaceConfig(field: element, warnings: &config.warnings)
            try bindings.register(namespace.binding, kind: "a KV namespace", at: Self.bindingField(of: element))
            if namespace.backend == "redis", let members = try? element.table(),
                let url = members.first(where: { $0.key == "url" })
            {
                pendingRedisURLs.append((config.kvNamespaces.count, url, members))
            }
            config.kvNamespaces.append(namespace)
        }
    }

    private mutating func applyD1Databases(_ field: ConfigField) throws(ConfigError) {
        for element in try field.array() {
            let database = try D1DatabaseConfig(field: element, directory: config.directory, warnings: &config.warnings)
            try bindings.register(database.binding, kind: "a D1 database", at: Self.bindingField(of: element))
            config.d1Databases.append(database)
        }
    }

    private mutating func applyTriggers(_ field: ConfigField) throws(ConfigError) {
        for member in try field.table() {
            guard member.key == "crons" else {
                config.warnings.append(ConfigSchema.unknownKey(member, known: ConfigSchema.triggers))
                continue
            }
            config.crons = []
            for element in try member.array() {
                config.crons.append(CronTriggerConfig(expression: try element.nonEmptyString(), line: element.line))
            }
        }
    }

    private mutating func applyAssets(_ field: ConfigField) throws(ConfigError) {
        let assets = try AssetsConfig(field: field, directory: config.directory, warnings: &config.warnings)
        if let binding = assets.binding {
            let members = try field.table()
            let bindingField = members.first { $0.key == "binding" } ?? field
            try bindings.register(binding, kind: "the assets binding", at: bindingField)
        }
        config.assets = assets
    }

    /// The `binding` member of an entry already known to have one, for messages.
    private static func bindingField(of entry: ConfigField) throws(ConfigError) -> ConfigField {
        try entry.table().first { $0.key == "binding" } ?? entry
    }
}
