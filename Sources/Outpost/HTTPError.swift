/// An error that carries an HTTP status: thrown from `fetch`, it becomes that response.
///
/// Modelled on Hummingbird's `HTTPError`. Worker code may throw it to answer, for example, 404 or 400.
/// JS equivalent: `return new Response(message, { status })` from a `catch`.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status code of the response.
    /// JS equivalent: `response.status`.
    public let status: Int
    /// The message sent as the response body (plain text).
    /// JS equivalent: the response body.
    public let message: String

    /// An error answered with `status` and `message`.
    /// JS equivalent: `new Response(message, { status })`.
    public init(_ status: Int, _ message: String? = nil) {
        self.status = status
        self.message = message ?? Response.reasonPhrase(for: status)
    }

    /// The text `print` and string interpolation show for this value.
    public var description: String { "\(status) \(message)" }
}
