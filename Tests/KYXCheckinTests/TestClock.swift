import Foundation
import KYXCheckin
import Synchronization

/// A settable clock shared by the worker and KV expiry.
final class TestClock: Sendable {
    private let instant: Mutex<Date>

    /// A clock at `start` (default 2026-03-01T01:00:00Z = 09:00 in UTC+8).
    init(_ start: Date = Date(timeIntervalSince1970: 1_772_326_800)) { instant = Mutex(start) }

    var now: Date { instant.withLock { $0 } }

    func advance(seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }

    func advance(days: Int) { advance(seconds: TimeInterval(days * 86_400)) }

    func set(_ date: Date) { instant.withLock { $0 = date } }

    var checkinClock: CheckinClock { CheckinClock { [self] in now } }
}
