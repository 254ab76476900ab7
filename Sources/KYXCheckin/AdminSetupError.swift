/// Why an admin could not be created, with the exit status `create-admin` ends with.
///
/// JS equivalent: an `Error` thrown by the setup script (`process.exitCode = …`).
public struct AdminSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in words the operator can act on. JS equivalent: `error.message`.
    public let message: String
    /// The process exit status: 64 bad username, 65 weak password, 66 no `DB` binding, 1 otherwise.
    /// JS equivalent: `process.exitCode`.
    public let exitCode: Int32

    /// The message. JS equivalent: `String(error)`.
    public var description: String { message }
}
