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
            case "html_handling": htmlHandling = try Self.choice(member, HTMLHandling.self)
            case "not_found_handling": notFoundHandling = try Self.choice(member, NotFoundHandling.self)
            case "run_worker_first": try applyRunWorkerFirst(member)
            case "experimental_serve_directly": _ = try member.bool()
            default: warnings.append(ConfigSchema.unknownKey(member, known: ConfigSchema.assets))
            }
        }
    }

    private static func choice<T: RawRepresentable & CaseIterable>(
        _ field: ConfigField, _ type: T.Type
    ) throws(ConfigError) -> T where T.RawValue == String {
        let text = try field.string()
        guard let value = T(rawValue: text) else {
            throw field.mismatch("one of " + T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        return value
    }

    /// `run_worker_first`: a Boolean or rules, checked as Cloudflare's `parseStaticRouting` does.
    private mutating func applyRunWorkerFirst(_ field: ConfigField) throws(ConfigError) {
        if case .boolean(let flag) = field.value.kind {
            runWorkerFirst = flag
            return
        }
        guard field.value.arrayValue != nil else { throw field.mismatch("true, false or an array of route rules") }
        let rules = try field.stringArray()
        guard !rules.isEmpty else {
            throw field.error("No `run_worker_first` rules were provided; must provide at least 1 rule.")
        }
        guard rules.count <= 100 else {
            throw field.error(
                "Too many `run_worker_first` rules were provided; \(rules.count) rules provided exceeds max of 100.")
        }
        var invalid: [String] = []
        for rule in rules {
            if rule.hasPrefix("!/") {
                assetFirstPatterns.append(String(rule.dropFirst()))
            } else if rule.hasPrefix("/") {
                workerFirstPatterns.append(rule)
            } else if rule.hasPrefix("!") {
                invalid.append("'\(rule)': negative rules must start with '!/'")
            } else {
                invalid.append("'\(rule)': rules must start with '/' or '!/'")
            }
        }
        if !assetFirstPatterns.isEmpty && workerFirstPatterns.isEmpty {
            throw field.error(
                "Only negative `run_worker_first` rules were provided; must provide at least 1 non-negative rule")
        }
        invalid += Self.invalidRules(workerFirstPatterns) + Self.invalidRules(assetFirstPatterns.map { "!" + $0 })
        if !invalid.isEmpty {
            throw field.error("Invalid routes in `run_worker_first`:\n" + invalid.joined(separator: "\n"))
        }
    }

    private static func invalidRules(_ rules: [String]) -> [String] {
        var invalid: [String] = []
        var seen = Set<String>()
        for rule in rules {
            if rule.count > 100 { invalid.append("'\(rule)': all rules must be less than 100 characters in length") }
            if seen.contains(rule) { invalid.append("'\(rule)': rule is a duplicate; rules must be unique") }
            if rule.hasSuffix("*") {
                for other in rules where other != rule && other.hasPrefix(rule.dropLast()) {
                    invalid.append("'\(other)': rule '\(rule)' makes it redundant")
                }
            }
            seen.insert(rule)
        }
        return invalid
    }
}
