package import Foundation

/// The instants a cron expression fires at, in order, after a starting instant. Unbounded unless the
/// expression stops firing; take a prefix: `expression.fireTimes(after: now).prefix(5)`.
package struct CronFireTimes: Sequence, IteratorProtocol, Sendable {
    private let expression: CronExpression
    private var current: Date?

    /// The fire times of `expression` strictly after `date`.
    package init(expression: CronExpression, after date: Date) {
        self.expression = expression
        current = date
    }

    /// The next fire time, or `nil` when there is none.
    package mutating func next() -> Date? {
        guard let previous = current else { return nil }
        current = expression.next(after: previous)
        return current
    }
}
