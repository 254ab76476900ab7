import Foundation

/// Calendar arithmetic for the check-in day: dates in a fixed UTC offset, instants as UTC ISO-8601 with `Z`.
///
/// Formatting and parsing are done by hand on epoch seconds (proleptic Gregorian calendar): the
/// session check runs on every authenticated request, and Foundation's `ISO8601DateFormatter` or
/// `Calendar` cost far more than the request's storage calls (issue 12).
struct DayCalendar: Sendable {
    /// Minutes east of UTC that define the check-in day (480 = UTC+8).
    let offsetMinutes: Int

    /// `YYYY-MM-DD` of `instant` in the check-in time zone.
    func date(of instant: Date) -> String {
        let shifted = instant.addingTimeInterval(TimeInterval(offsetMinutes * 60))
        return String(Self.iso(shifted).prefix(10))
    }

    /// Whole seconds from `instant` to the end of its check-in day (the next midnight in the check-in
    /// time zone), 1…86,400.
    func secondsToEndOfDay(from instant: Date) -> Int {
        let local = Int(min(Self.limit, max(-Self.limit, instant.timeIntervalSince1970.rounded(.down))))
        let into = ((local + offsetMinutes * 60) % 86_400 + 86_400) % 86_400
        return 86_400 - into
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

    /// Instants beyond ±`limit` seconds from 1970 are clamped (years −1,000,000…1,000,000 stay exact).
    private static let limit: Double = 3e13

    /// `YYYY-MM-DDTHH:MM:SSZ` of `instant` in UTC.
    static func iso(_ instant: Date) -> String {
        let seconds = Int(min(limit, max(-limit, instant.timeIntervalSince1970.rounded(.down))))
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        if year < 0 { bytes.append(UInt8(ascii: "-")) }
        append(abs(year), width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        append(secondOfDay / 3_600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The instant of `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM` (optionally with fractional
    /// seconds), or `nil` when the text is not such a timestamp or names an impossible date.
    static func parseISO(_ text: String) -> Date? {
        epochSeconds(text).map { Date(timeIntervalSince1970: $0) }
    }

    /// Seconds since 1970 of an ISO-8601 timestamp as `parseISO` accepts it.
    static func epochSeconds(_ text: String) -> Double? {
        if let seconds = text.utf8.withContiguousStorageIfAvailable({ parse($0) }) { return seconds }
        var contiguous = text
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable { parse($0) } ?? nil
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"), b[13] == UInt8(ascii: ":"),
            b[16] == UInt8(ascii: ":"), let year = digits(b, 0, 4), let month = digits(b, 5, 2),
            let day = digits(b, 8, 2), let hour = digits(b, 11, 2), let minute = digits(b, 14, 2),
            let second = digits(b, 17, 2), (1...12).contains(month), day >= 1,
            day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if b[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < b.count, let digit = digit(b[index]) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > start, index < b.count else { return nil }
        }
        var offset = 0
        switch b[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == b.count, b[index + 3] == UInt8(ascii: ":"), let hours = digits(b, index + 1, 2),
                let minutes = digits(b, index + 4, 2), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 60 + minutes) * 60 * (b[index] == UInt8(ascii: "+") ? 1 : -1)
            index += 6
        default: return nil
        }
        guard index == b.count else { return nil }
        let days = Self.days(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offset) + fraction
    }

    private static func parseDay(_ day: String) -> Date? {
        parseISO(day + "T00:00:00Z")
    }

    /// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400).quotient
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01 (inverse of `days(year:month:day:)`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<start + count {
            guard let digit = digit(bytes[index]) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var remaining = value
        while divisor * 10 <= remaining { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(remaining / divisor % 10))
            remaining %= divisor
            divisor /= 10
        }
    }
}
