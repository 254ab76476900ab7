/// A `d1` command failure, printed by the command line as `Error: <message>`.
public struct D1CLIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, worded as wrangler words it where wrangler has a message.
    public let message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// The message, as printed after `Error: `.
    public var description: String { message }
}
