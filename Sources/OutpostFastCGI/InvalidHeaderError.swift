/// A response header that cannot be sent: its name is not an HTTP token or its value holds CR, LF or NUL.
public struct InvalidHeaderError: Error, Sendable, CustomStringConvertible {
    /// The offending header name (as given).
    public let name: String

    /// The text `print` and string interpolation show for this value.
    public var description: String {
        "response header \"\(name.debugDescription.dropFirst().dropLast())\" has an invalid name or a value with CR, LF or NUL; the response was replaced by a 500"
    }
}
