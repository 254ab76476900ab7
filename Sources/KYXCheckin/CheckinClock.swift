public import Foundation

/// Where the worker reads "now" from: the system clock in production, a settable one in tests.
/// JS equivalent: `Date.now()`, made injectable.
public struct CheckinClock: Sendable {
    /// The current instant.
    /// JS equivalent: `new Date()`.
    public let now: @Sendable () -> Date

    /// A clock that answers `now()`.
    /// JS equivalent: none.
    public init(_ now: @escaping @Sendable () -> Date) { self.now = now }

    /// The system clock.
    /// JS equivalent: `() => new Date()`.
    public static var system: CheckinClock { CheckinClock { Date() } }
}
