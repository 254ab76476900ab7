/// A `d1` command failure, printed by the command line as `Error: <message>`.
package struct D1CLIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, worded as wrangler words it where wrangler has a message.
    package let message: String

    /// An error with `message`.
    package init(_ message: String) { self.message = message }

    /// The message, as printed after `Error: `.
    package var description: String { message }
}
