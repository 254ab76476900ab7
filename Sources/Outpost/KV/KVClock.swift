import Foundation

/// The source of "now" for KV expiry, injected so tests can move time without sleeping.
///
/// JS equivalent: none (`Date.now()` inside the KV service).
public struct KVClock: Sendable {
    /// Milliseconds since the UNIX epoch.
    /// JS equivalent: `Date.now()` inside the KV service.
    public let now: @Sendable () -> Int64

    /// A clock that reads `now`.
    /// JS equivalent: none.
    public init(_ now: @escaping @Sendable () -> Int64) { self.now = now }

    /// The wall clock.
    /// JS equivalent: `Date.now()`.
    public static var system: KVClock {
        KVClock { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
    }
}
