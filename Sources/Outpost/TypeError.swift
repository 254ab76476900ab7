/// A JS `TypeError` equivalent: a value of the wrong kind was passed to an API.
/// JS equivalent: `TypeError`.
public struct TypeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, worded as the Workers runtime words it.
    /// JS equivalent: `error.message`.
    public let message: String

    /// A type error with `message`.
    /// JS equivalent: `new TypeError(message)`.
    public init(_ message: String) { self.message = message }

    /// The text `print` and string interpolation show for this value.
    public var description: String { "TypeError: \(message)" }
}
