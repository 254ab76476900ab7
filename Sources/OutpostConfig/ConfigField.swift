/// One value of the config with its key path and file, so every message can say where it is.
struct ConfigField {
    /// The last key (or `[index]` for an array element).
    let key: String
    /// The full key path, e.g. `env.staging.kv_namespaces[0].binding`.
    let path: String
    /// The value, carrying its line.
    let value: ConfigValue
    /// The config file, as shown in messages.
    let file: String

    /// The value's line.
    var line: Int { value.line }

    /// An error about this field.
    func error(_ message: String) -> ConfigError {
        ConfigError(file: file, line: line, column: value.column, keyPath: path, message: message)
    }

    /// A warning about this field.
    func warning(_ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(file: file, line: line, column: value.column, keyPath: path, message: message)
    }

    /// "expected `expectation`, found `value`".
    func mismatch(_ expectation: String) -> ConfigError {
        error("expected \(expectation), found \(value.summary)")
    }

    /// The string value.
    func string() throws(ConfigError) -> String {
        guard let text = value.stringValue else { throw mismatch("a string") }
        return text
    }

    /// A string that is not empty.
    func nonEmptyString() throws(ConfigError) -> String {
        let text = try string()
        guard !text.isEmpty else { throw error("must not be empty") }
        return text
    }

    /// A non-empty string that names a file inside the state directory: no `/`, `\\`, NUL, and not
    /// `.` or `..`, so a KV `id` or D1 `database_name` can never reach outside it.
    func fileNameComponent() throws(ConfigError) -> String {
        let text = try nonEmptyString()
        guard !text.contains("/"), !text.contains("\\"), !text.contains("\0"), text != ".", text != ".." else {
            throw error(
                "must not contain path separators or be a dot segment (it names a file in the state directory), found \(value.summary)"
            )
        }
        return text
    }

    /// A string, or the text of a TOML date (for `compatibility_date = 2025-05-01`).
    func stringOrDate() throws(ConfigError) -> String {
        if case .localDate(let text) = value.kind { return text }
        return try string()
    }

    /// The Boolean value.
    func bool() throws(ConfigError) -> Bool {
        guard let flag = value.boolValue else { throw mismatch("true or false") }
        return flag
    }

    /// An integer in `range`.
    func integer(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let number = value.integerValue, range.contains(number) else {
            throw mismatch(Self.describe(range))
        }
        return number
    }

    /// The elements, each a field with path `path[i]`.
    func array() throws(ConfigError) -> [ConfigField] {
        guard let elements = value.arrayValue else { throw mismatch("an array") }
        return elements.enumerated().map { offset, element in
            ConfigField(key: "[\(offset)]", path: "\(path)[\(offset)]", value: element, file: file)
        }
    }

    /// The members, each a field with path `path.key`.
    func table() throws(ConfigError) -> [ConfigField] {
        guard let table = value.tableValue else { throw mismatch("a table") }
        return Self.fields(of: table, prefix: path, file: file)
    }

    /// An array of strings.
    func stringArray() throws(ConfigError) -> [String] {
        var strings: [String] = []
        for element in try array() { strings.append(try element.string()) }
        return strings
    }

    /// The members of `table` as fields under `prefix` (empty for the root).
    static func fields(of table: ConfigTable, prefix: String, file: String) -> [ConfigField] {
        table.map { key, value in
            let shown = TOMLTableBuilder.display([key])
            return ConfigField(key: key, path: prefix.isEmpty ? shown : "\(prefix).\(shown)", value: value, file: file)
        }
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max {
            return range.lowerBound == 0 ? "a non-negative integer" : "an integer of at least \(range.lowerBound)"
        }
        return "an integer from \(range.lowerBound) to \(range.upperBound)"
    }
}
