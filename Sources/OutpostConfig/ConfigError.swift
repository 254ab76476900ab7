/// A config that cannot be used: a syntax error, a wrong type or a bad value.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where and what.
    public var diagnostic: ConfigDiagnostic
    /// Whether no config file was found at all (no `--config`, none of the default names), so a command
    /// can say so in its own words (wrangler's `d1` commands do).
    public var isNoConfigFile = false

    /// An error at `file:line` (`:column` when known) about `keyPath`.
    public init(file: String, line: Int, column: Int = 0, keyPath: String, message: String) {
        diagnostic = ConfigDiagnostic(file: file, line: line, column: column, keyPath: keyPath, message: message)
    }

    /// The text `print` and string interpolation show for this value.
    public var description: String { "error: \(diagnostic)" }
}
