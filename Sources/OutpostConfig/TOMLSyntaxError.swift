/// A TOML document that cannot be read: bad syntax, a duplicate key or a redefined table.
public struct TOMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line where the problem is.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// An error on `line`.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}
