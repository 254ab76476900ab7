/// A D1 failure whose `description` is exactly the message Cloudflare's binding throws.
///
/// JS equivalent: the `Error` a D1 call rejects with, e.g. `D1_ERROR: no such table: foo: SQLITE_ERROR`,
/// whose `cause` is an `Error` carrying `cause` below.
public struct D1Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The prefix that says which D1 operation failed.
    /// JS equivalent: the `D1_…` prefix of `error.message`.
    public enum Kind: String, Sendable, Equatable {
        /// A query or batch failed: `D1_ERROR`.
        case query = "D1_ERROR"
        /// `exec` failed: `D1_EXEC_ERROR`.
        case exec = "D1_EXEC_ERROR"
        /// `bind` got a value D1 cannot store: `D1_TYPE_ERROR`.
        case type = "D1_TYPE_ERROR"
        /// `first(column:)` named a column the row lacks: `D1_COLUMN_NOTFOUND`.
        case columnNotFound = "D1_COLUMN_NOTFOUND"
        /// `dump` failed: `D1_DUMP_ERROR`.
        case dump = "D1_DUMP_ERROR"
        /// A session constraint or bookmark was refused: `D1_SESSION_ERROR`.
        case session = "D1_SESSION_ERROR"
    }

    /// Which operation failed. JS equivalent: the prefix of `error.message`.
    public let kind: Kind
    /// The full message, prefix included. JS equivalent: `error.message`.
    public let message: String
    /// The underlying reason without the prefix. JS equivalent: `error.cause.message`.
    public let cause: String

    /// An error of `kind` whose message is `<KIND>: <detail>`; `cause` defaults to `detail`.
    /// JS equivalent: none (the D1 service raises it).
    public init(_ kind: Kind, _ detail: String, cause: String? = nil) {
        self.kind = kind
        self.message = "\(kind.rawValue): \(detail)"
        self.cause = cause ?? detail
    }

    /// JS equivalent: `String(error)` without the `Error: ` prefix, i.e. `error.message`.
    public var description: String { message }
}
