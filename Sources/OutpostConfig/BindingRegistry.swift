/// The binding names declared so far (vars, KV namespaces, D1 databases, assets), so a name used twice
/// is reported where the second use is.
struct BindingRegistry {
    private var declared: [String: (kind: String, line: Int, path: String)] = [:]

    /// Records `name`, declared by `field` as `kind` ("a var", "a KV namespace", …).
    mutating func register(_ name: String, kind: String, at field: ConfigField) throws(ConfigError) {
        if let first = declared[name] {
            let place = first.line > 0 ? "\(first.path) on line \(first.line)" : first.path
            throw field.error("binding \"\(name)\" is already declared as \(first.kind) (\(place))")
        }
        declared[name] = (kind, field.line, field.path)
    }
}
