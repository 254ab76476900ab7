/// What `AdminAccountSetup.apply` did: the line to print and any warnings for the operator.
///
/// JS equivalent: the script's `console.log` / `console.warn` output.
public struct AdminSetupReport: Sendable, Equatable {
    /// Warnings to print on standard error first (a weak PBKDF2 setting). JS equivalent: `console.warn` lines.
    public let warnings: [String]
    /// The success line, e.g. `admin "root" is ready (PBKDF2-SHA256, 600000 iterations)`.
    /// JS equivalent: the `console.log` line.
    public let message: String
}
