/// A KV binding that cannot be opened or found: an unknown binding name or an unavailable backend.
package struct KVConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words a user can act on.
    package let message: String

    /// An error saying `message`.
    package init(_ message: String) { self.message = message }

    /// The message.
    package var description: String { message }
}
