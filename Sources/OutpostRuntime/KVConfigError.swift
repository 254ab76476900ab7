/// A KV binding that cannot be opened or found: an unknown binding name or an unavailable backend.
public struct KVConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words a user can act on.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
