/// Why a connection to Redis failed at the transport level: it could not be opened, it timed out,
/// or the server closed it. The connection is discarded after any of these.
///
/// JS equivalent: none (a network failure inside the KV service).
struct RedisConnectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure.
    enum Kind: String, Sendable {
        /// Connecting (or logging in) failed: refused, unreachable, bad password, bad database.
        case connect
        /// No reply within the command timeout (a hung or overloaded server).
        case timeout
        /// The server closed the connection or the socket failed.
        case closed
        /// The reply could not be parsed.
        case protocolError = "protocol"
    }

    /// What kind of failure.
    let kind: Kind
    /// hiredis's or the server's words.
    let message: String

    var description: String { "\(kind.rawValue): \(message)" }
}
