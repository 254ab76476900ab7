/// A KV call that Redis could not serve, naming the binding and the (password-masked) server.
///
/// JS equivalent: the cause behind `KV <OP> failed: 500 Internal Server Error`; `KVNamespace`
/// reports it with that wording and keeps this text in `KVError.underlying` for logs.
public struct RedisKVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the call failed.
    public enum Reason: String, Sendable, Equatable {
        /// Redis refused, timed out or dropped the connection.
        case unavailable = "Redis unavailable"
        /// An earlier failure opened the circuit breaker; the call was not sent.
        case circuitOpen = "Redis unavailable (circuit breaker open)"
        /// Redis answered with an error (e.g. `OOM` under `maxmemory-policy noeviction`, `WRONGTYPE`).
        case serverError = "Redis error"
        /// Redis answered something Outpost does not understand.
        case unexpectedReply = "unexpected Redis reply"
    }

    /// The binding name, e.g. `CACHE`.
    public let binding: String
    /// The server, password masked.
    public let endpoint: String
    /// Why the call failed.
    public let reason: Reason
    /// The underlying words (hiredis's, or Redis's error reply).
    public let detail: String

    /// An error for `binding` on `endpoint`.
    public init(binding: String, endpoint: String, reason: Reason, detail: String) {
        self.binding = binding
        self.endpoint = endpoint
        self.reason = reason
        self.detail = detail
    }

    /// `KV binding "CACHE" (redis://127.0.0.1:6379/0): Redis unavailable: connect: Connection refused`.
    public var description: String {
        "KV binding \"\(binding)\" (\(endpoint)): \(reason.rawValue): \(detail)"
    }
}
