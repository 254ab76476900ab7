/// An error that carries an HTTP status: thrown from `fetch`, it becomes that response.
///
/// Modelled on Hummingbird's `HTTPError`. Worker code may throw it to answer, for example, 404 or 400.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status code of the response.
    public let status: Int
    /// The message sent as the response body (plain text).
    public let message: String

    /// An error answered with `status` and `message`.
    public init(_ status: Int, _ message: String? = nil) {
        self.status = status
        self.message = message ?? Response.reasonPhrase(for: status)
    }

    public var description: String { "\(status) \(message)" }
}

/// A JS `TypeError` equivalent: a value of the wrong kind was passed to an API.
public struct TypeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, worded as the Workers runtime words it.
    public let message: String

    /// A type error with `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { "TypeError: \(message)" }
}

/// A binding that is missing from the config or is of another kind than asked for.
public struct BindingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The binding name the worker asked for.
    public let binding: String
    /// What the worker asked for, e.g. "KV namespace".
    public let expected: String
    /// What the config declares under that name, or `nil` when nothing.
    public let found: String?
    /// The config file the bindings came from.
    public let configFile: String

    public var description: String {
        if let found {
            return "binding \"\(binding)\" in \(configFile) is a \(found), not a \(expected)"
        }
        return "binding \"\(binding)\" is not declared in \(configFile): declare a \(expected) named \"\(binding)\""
    }
}
