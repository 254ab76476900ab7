/// A config that cannot be used: a syntax error, a wrong type or a bad value.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where and what.
    public var diagnostic: ConfigDiagnostic

    /// An error at `file:line` (`:column` when known) about `keyPath`.
    public init(file: String, line: Int, column: Int = 0, keyPath: String, message: String) {
        diagnostic = ConfigDiagnostic(file: file, line: line, column: column, keyPath: keyPath, message: message)
    }

    public var description: String { "error: \(diagnostic)" }
}
