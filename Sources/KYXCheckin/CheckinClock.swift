public import Foundation

/// Where the worker reads "now" from: the system clock in production, a settable one in tests.
public struct CheckinClock: Sendable {
    /// The current instant.
    public let now: @Sendable () -> Date

    /// A clock that answers `now()`.
    public init(_ now: @escaping @Sendable () -> Date) { self.now = now }

    /// The system clock.
    public static var system: CheckinClock { CheckinClock { Date() } }
}
