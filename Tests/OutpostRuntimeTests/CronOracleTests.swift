import Foundation
import Testing

@testable import OutpostCron
@testable import OutpostRuntime

/// Checks `next(after:)` against a slow oracle built on Foundation's calendar, day by day over several
/// years (leap years included) and minute by minute over two days.
@Suite("Cron next fire times against a calendar oracle")
struct CronOracleTests {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Whether one day item (`15`, `L`, `LW`, `15W`, `6L`, `2#1`) matches `date`.
    private static func dayItemMatches(_ item: String, dayOfWeek: Bool, date: Date) -> Bool {
        let day = calendar.component(.day, from: date)
        let weekday = calendar.component(.weekday, from: date)  // 1 = Sunday, as in Quartz.
        let last = calendar.range(of: .day, in: .month, for: date)!.count
        func weekdayOf(_ other: Int) -> Int {
            calendar.component(.weekday, from: calendar.date(byAdding: .day, value: other - day, to: date)!)
        }
        func isWorkday(_ day: Int) -> Bool { (2...6).contains(weekdayOf(day)) }
        if dayOfWeek {
            if item.hasSuffix("L") { return weekday == Int(item.dropLast())! && day + 7 > last }
            if let hash = item.firstIndex(of: "#") {
                return weekday == Int(item[..<hash])! && (day - 1) / 7 + 1 == Int(item[item.index(after: hash)...])!
            }
            return weekday == Int(item)!
        }
        if item == "L" { return day == last }
        if item == "LW" { return day == (1...last).last(where: isWorkday) }
        if item.hasSuffix("W") {
            let target = Int(item.dropLast())!
            guard target <= last else { return false }
            let candidates = [target, target - 1, target + 1, target - 2, target + 2].filter { (1...last).contains($0) }
            return day == candidates.first(where: isWorkday)
        }
        return day == Int(item)!
    }

    private static func expectedDays(dom: String, dow: String, from start: Date, to end: Date) -> [Date] {
        var days: [Date] = []
        var date = start
        while date < end {
            let byMonthDay =
                dom == "*"
                || dom.split(separator: ",").contains { dayItemMatches(String($0), dayOfWeek: false, date: date) }
            let byWeekday =
                dow == "*"
                || dow.split(separator: ",").contains { dayItemMatches(String($0), dayOfWeek: true, date: date) }
            let matches = dom == "*" || dow == "*" ? byMonthDay && byWeekday : byMonthDay || byWeekday
            if matches { days.append(date) }
            date = calendar.date(byAdding: .day, value: 1, to: date)!
        }
        return days
    }

    @Test(
        "day rules over 2023-2032",
        arguments: [
            ("31", "*"), ("29", "*"), ("L", "*"), ("LW", "*"), ("15W", "*"), ("1W", "*"), ("31W", "*"), ("30W", "*"),
            ("*", "6L"), ("*", "1L"), ("*", "2#1"), ("*", "7#5"), ("*", "1,7"), ("13", "6"), ("1,L", "2#2"),
            ("L,15W", "*"),
        ])
    func dayRules(_ fields: (String, String)) throws {
        let start = utc("2023-01-01T00:00:00Z")
        let end = utc("2033-01-01T00:00:00Z")
        let expression = try CronExpression(parsing: "0 0 \(fields.0) * \(fields.1)")
        let actual = Array(expression.fireTimes(after: start.addingTimeInterval(-60)).prefix { $0 < end })
        let expected = Self.expectedDays(dom: fields.0, dow: fields.1, from: start, to: end)
        #expect(actual.map(iso) == expected.map(iso))
    }

    @Test(
        "minute and hour fields over two days",
        arguments: [
            ("*/7", "*", [0, 7, 14, 21, 28, 35, 42, 49, 56], Array(0...23)),
            ("5,10", "*/5", [5, 10], [0, 5, 10, 15, 20]),
            ("0-10/3", "22-1", [0, 3, 6, 9], [22, 23, 0, 1]),
            ("59", "23", [59], [23]),
        ])
    func timeOfDay(_ example: (String, String, [Int], [Int])) throws {
        let expression = try CronExpression(parsing: "\(example.0) \(example.1) * * *")
        var expected: [String] = []
        var date = utc("2028-02-28T00:00:00Z")
        let end = utc("2028-03-01T00:00:00Z")
        while date < end {
            let parts = Self.calendar.dateComponents([.hour, .minute], from: date)
            if example.2.contains(parts.minute!) && example.3.contains(parts.hour!) { expected.append(iso(date)) }
            date = date.addingTimeInterval(60)
        }
        let actual = expression.fireTimes(after: utc("2028-02-27T23:59:00Z")).prefix { $0 < end }.map(iso)
        #expect(actual == expected)
    }
}
