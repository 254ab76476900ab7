/// A KV operation that failed, worded exactly as the Workers runtime words it.
///
/// JS equivalent: the `Error` whose message is `KV <OP> failed: <status> <statusText>`,
/// e.g. `KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60.`
public struct KVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation named in the message. JS equivalent: the `<OP>` part.
    public enum Operation: String, Sendable, Equatable {
        /// `get`, `getWithMetadata` and `list`.
        case get = "GET"
        /// Bulk `get` / `getWithMetadata`.
        case getBulk = "GET_BULK"
        /// `put`.
        case put = "PUT"
        /// `delete`.
        case delete = "DELETE"
    }

    /// The operation that failed.
    /// JS equivalent: the `KV <OP>` part of `error.message`.
    public let operation: Operation
    /// The HTTP status the KV service answered, e.g. 400, 413, 414, 500.
    /// JS equivalent: the status in `error.message`.
    public let status: Int
    /// The status text, e.g. `Value length of 26214401 exceeds limit of 26214400.`
    /// JS equivalent: the status text in `error.message`.
    public let statusText: String
    /// For a 500: the backend's own error, for logs (never part of `message`).
    /// JS equivalent: none (the service's cause is not exposed).
    public let underlying: String?

    /// An error for `operation` with `status` and `statusText`.
    /// JS equivalent: none (the KV service raises it).
    public init(_ operation: Operation, _ status: Int, _ statusText: String, underlying: String? = nil) {
        self.operation = operation
        self.status = status
        self.statusText = statusText
        self.underlying = underlying
    }

    /// The message. JS equivalent: `error.message`.
    public var message: String { "KV \(operation.rawValue) failed: \(status) \(statusText)" }

    /// The message. JS equivalent: `String(error)` (without the `Error: ` prefix).
    public var description: String { message }
}
