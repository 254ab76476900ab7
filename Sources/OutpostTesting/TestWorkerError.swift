/// Why a `TestWorker` could not be set up (a failing migration, say).
///
/// JS equivalent: the error `applyD1Migrations` rejects with.
public struct TestWorkerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong. JS equivalent: `error.message`.
    public let message: String

    init(_ message: String) { self.message = message }

    /// The message. JS equivalent: `String(error)`.
    public var description: String { message }
}
