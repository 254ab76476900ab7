import Foundation

/// Calendar arithmetic for the check-in day: dates in a fixed UTC offset, instants as UTC ISO-8601 with `Z`.
struct DayCalendar: Sendable {
    /// Minutes east of UTC that define the check-in day (480 = UTC+8).
    let offsetMinutes: Int

    /// `YYYY-MM-DD` of `instant` in the check-in time zone.
    func date(of instant: Date) -> String {
        let shifted = instant.addingTimeInterval(TimeInterval(offsetMinutes * 60))
        return String(Self.iso(shifted).prefix(10))
    }

    /// The check-in date `days` before `date` (`YYYY-MM-DD`).
    func date(_ date: String, minusDays days: Int) -> String {
        guard let start = Self.parseDay(date) else { return date }
        return String(Self.iso(start.addingTimeInterval(TimeInterval(-days * 86_400))).prefix(10))
    }

    /// Whole days from `earlier` to `later` (both `YYYY-MM-DD`).
    func days(from earlier: String, to later: String) -> Int? {
        guard let start = Self.parseDay(earlier), let end = Self.parseDay(later) else { return nil }
        return Int((end.timeIntervalSince(start) / 86_400).rounded())
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` of `instant` in UTC.
    static func iso(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// The instant of a `YYYY-MM-DDTHH:MM:SSZ` string, or `nil`.
    static func parseISO(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    private static func parseDay(_ day: String) -> Date? {
        parseISO(day + "T00:00:00Z")
    }
}
