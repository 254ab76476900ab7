/// Applies `[env.NAME]` with wrangler's rules: inheritable keys come from the top level unless the
/// environment sets them, bindings (`vars`, `kv_namespaces`, `d1_databases`, …) come only from the
/// environment, and `[outpost]` is inherited key by key.
struct EnvironmentResolver {
    /// The config's top-level fields and `[outpost]` fields after applying the environment.
    struct Resolution {
        /// Top-level fields in effect (without `env` and `outpost`).
        var fields: [ConfigField]
        /// `[outpost]` fields in effect.
        var outpost: [ConfigField]
        /// `-NAME` when the inherited top-level `name` gets the environment's suffix.
        var nameSuffix: String?
        /// Findings such as top-level bindings the environment lacks.
        var warnings: [ConfigDiagnostic] = []
    }

    /// The config file, for messages.
    let file: String

    /// Resolves `root` for `environment` (no environment: the top level as written).
    func resolve(_ root: ConfigTable, environment: String?) throws(ConfigError) -> Resolution {
        let top = ConfigField.fields(of: root, prefix: "", file: file)
        let environments = try environmentFields(in: top)
        let topOutpost = try outpostFields(in: top)
        let topLevel = top.filter { $0.key != "env" && $0.key != "outpost" }
        guard let environment else { return Resolution(fields: topLevel, outpost: topOutpost) }
        guard let selected = environments.first(where: { $0.key == environment }) else {
            throw missingEnvironment(environment, available: environments.map(\.key))
        }
        let envFields = try selected.table()
        var resolution = Resolution(
            fields: inherited(topLevel, overriddenBy: envFields)
                + envFields.filter { $0.key != "outpost" && $0.key != "env" },
            outpost: merge(topOutpost, with: try outpostFields(in: envFields)),
            nameSuffix: envFields.contains { $0.key == "name" } ? nil : "-\(environment)")
        resolution.warnings = missingBindings(top: topLevel, environment: selected, envFields: envFields)
        if let nested = envFields.first(where: { $0.key == "env" }) {
            resolution.warnings.append(nested.warning("environments inside an environment are not supported, ignored"))
        }
        return resolution
    }

    private func environmentFields(in top: [ConfigField]) throws(ConfigError) -> [ConfigField] {
        guard let env = top.first(where: { $0.key == "env" }) else { return [] }
        let environments = try env.table()
        for environment in environments where environment.value.tableValue == nil {
            throw environment.mismatch("a table (an [env.\(environment.key)] section)")
        }
        return environments
    }

    private func outpostFields(in fields: [ConfigField]) throws(ConfigError) -> [ConfigField] {
        try fields.first { $0.key == "outpost" }?.table() ?? []
    }

    private func inherited(_ top: [ConfigField], overriddenBy envFields: [ConfigField]) -> [ConfigField] {
        var overridden = Set(envFields.map(\.key))
        if overridden.contains("route") || overridden.contains("routes") { overridden.formUnion(["route", "routes"]) }
        return top.filter { !ConfigSchema.nonInheritable.contains($0.key) && !overridden.contains($0.key) }
    }

    private func merge(_ top: [ConfigField], with env: [ConfigField]) -> [ConfigField] {
        let envKeys = Set(env.map(\.key))
        return top.filter { !envKeys.contains($0.key) } + env
    }

    private func missingEnvironment(_ name: String, available: [String]) -> ConfigError {
        let known =
            available.isEmpty
            ? "the config defines no [env.*] sections"
            : "environments defined: \(available.joined(separator: ", "))"
        return ConfigError(file: file, line: 0, keyPath: "env", message: "no environment named \"\(name)\"; \(known)")
    }

    /// Warnings for bindings the top level declares but the environment does not, as wrangler gives.
    private func missingBindings(
        top: [ConfigField], environment: ConfigField, envFields: [ConfigField]
    ) -> [ConfigDiagnostic] {
        var warnings: [ConfigDiagnostic] = []
        for key in ["vars", "kv_namespaces", "d1_databases"] {
            let declared = Self.bindingNames(top.first { $0.key == key }, key: key)
            let present = Set(Self.bindingNames(envFields.first { $0.key == key }, key: key))
            for name in declared where !present.contains(name) {
                let message =
                    "binding \"\(name)\" is declared in top-level \(key) but not in [env.\(environment.key)]; "
                    + "\(key) are not inherited by environments, so env.\(name) will be missing. "
                    + "Add it to [env.\(environment.key)] if the environment needs it"
                warnings.append(
                    ConfigDiagnostic(
                        file: file, line: environment.line, keyPath: "\(environment.path).\(key)", message: message))
            }
        }
        return warnings
    }

    /// The names a `vars` table or a binding array declares; malformed entries are left to the mapper.
    private static func bindingNames(_ field: ConfigField?, key: String) -> [String] {
        guard let value = field?.value else { return [] }
        if key == "vars" { return value.tableValue?.keys ?? [] }
        return (value.arrayValue ?? []).compactMap { $0.tableValue?["binding"]?.stringValue }
    }
}
