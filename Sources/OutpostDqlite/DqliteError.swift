/// Why a dqlite request failed, and whether its outcome is known.
enum DqliteError: Error, Sendable, CustomStringConvertible {
    /// The node answered FAILURE: a SQLite (or dqlite) result code and message. The request ran to
    /// that failure; nothing it did was committed.
    case failure(code: UInt64, message: String)
    /// The connection failed before the request was completely sent: nothing ran.
    case notSent(String)
    /// The connection failed after the request was sent: it may or may not have run.
    case unknownOutcome(String)
    /// The node sent something this client cannot read.
    case protocolViolation(String)

    var description: String {
        switch self {
        case .failure(let code, let message): "\(message) (code \(code))"
        case .notSent(let reason), .unknownOutcome(let reason): reason
        case .protocolViolation(let reason): "protocol error: \(reason)"
        }
    }

    /// Whether the request provably did not run (so it may be sent again, to another node).
    var nothingRan: Bool {
        switch self {
        case .notSent: true
        case .failure(let code, _): code == DqliteWire.notLeader || code & 0xFF == DqliteWire.busy
        case .unknownOutcome, .protocolViolation: false
        }
    }
}
