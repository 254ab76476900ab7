/// A JSON text that could not be parsed. JS equivalent: the `SyntaxError` thrown by `JSON.parse`.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    /// JS equivalent: `error.message`.
    public let reason: String
    /// The byte offset where parsing stopped.
    /// JS equivalent: the position in `error.message`.
    public let offset: Int

    /// The text `print` and string interpolation show for this value.
    public var description: String { "SyntaxError: \(reason) in JSON at position \(offset)" }
}
