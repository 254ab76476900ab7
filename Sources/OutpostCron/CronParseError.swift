/// Why a cron expression could not be parsed: the field at fault (if any) and what is wrong.
package struct CronParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field at fault, or `nil` when the expression as a whole is malformed (wrong field count).
    package let field: CronField?
    /// What is wrong, naming the field and the offending value, e.g. `minute 61 is out of range 0-59`.
    package let message: String

    /// An error about `field` saying `message`.
    package init(field: CronField?, message: String) {
        self.field = field
        self.message = message
    }

    package var description: String { message }
}
