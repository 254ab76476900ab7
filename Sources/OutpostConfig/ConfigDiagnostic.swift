/// A finding about the config: where it is and what is wrong.
public struct ConfigDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The config file.
    public var file: String
    /// The 1-based line, or 0 when the finding has no line.
    public var line: Int
    /// The 1-based column, or 0 when unknown (TOML values record only their line).
    public var column: Int = 0
    /// The dotted key path, e.g. `outpost.threads` or `kv_namespaces[1].binding`.
    public var keyPath: String
    /// What is wrong, in words a user can act on.
    public var message: String

    /// A finding at `file:line` (`:column` when known) about `keyPath`.
    public init(file: String, line: Int, column: Int = 0, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    /// The text `print` and string interpolation show for this value.
    public var description: String {
        let place = line > 0 ? (column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)") : file
        return keyPath.isEmpty ? "\(place): \(message)" : "\(place): \(keyPath): \(message)"
    }
}
