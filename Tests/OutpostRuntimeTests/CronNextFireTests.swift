import Foundation
import Testing

@testable import OutpostCron
@testable import OutpostRuntime

@Suite("Cron next fire times")
struct CronNextFireTests {
    @Test(
        "fire times after an instant",
        arguments: [
            // Day 31 skips the 30-day months and February.
            (
                "0 0 31 * *", "2026-01-31T00:00:00Z",
                ["2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z"]
            ),
            // Last weekday: Jan 31 2026 is a Saturday, Feb 28 a Saturday, May 31 a Sunday.
            (
                "59 23 LW * *", "2026-01-01T00:00:00Z",
                ["2026-01-30T23:59:00Z", "2026-02-27T23:59:00Z", "2026-03-31T23:59:00Z"]
            ),
            (
                "59 23 LW * *", "2026-05-01T00:00:00Z",
                ["2026-05-29T23:59:00Z", "2026-06-30T23:59:00Z", "2026-07-31T23:59:00Z"]
            ),
            // Last Friday of the month.
            (
                "0 18 * * 6L", "2026-01-01T00:00:00Z",
                ["2026-01-30T18:00:00Z", "2026-02-27T18:00:00Z", "2026-03-27T18:00:00Z"]
            ),
            // Sunday is 1; 2026-11-28 is a Saturday.
            (
                "0 17 * * sun", "2026-11-28T12:00:00Z",
                ["2026-11-29T17:00:00Z", "2026-12-06T17:00:00Z", "2026-12-13T17:00:00Z"]
            ),
            (
                "0 17 * * 1", "2026-11-28T12:00:00Z",
                ["2026-11-29T17:00:00Z", "2026-12-06T17:00:00Z", "2026-12-13T17:00:00Z"]
            ),
            // Steps restart at each hour: 56 is followed by 0.
            (
                "*/7 * * * *", "2026-03-01T10:50:00Z",
                ["2026-03-01T10:56:00Z", "2026-03-01T11:00:00Z", "2026-03-01T11:07:00Z"]
            ),
            // Feb 29 waits for a leap year; 2100 is not one.
            (
                "0 0 29 2 *", "2026-03-01T00:00:00Z",
                ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z"]
            ),
            (
                "0 0 29 2 *", "2096-03-01T00:00:00Z",
                ["2104-02-29T00:00:00Z", "2108-02-29T00:00:00Z", "2112-02-29T00:00:00Z"]
            ),
            // Nearest weekday: Feb 15 2026 and Mar 15 are Sundays (→ Monday), Apr 15 a Wednesday.
            (
                "0 9 15W * *", "2026-02-01T00:00:00Z",
                ["2026-02-16T09:00:00Z", "2026-03-16T09:00:00Z", "2026-04-15T09:00:00Z"]
            ),
            // Aug 15 2026 is a Saturday (→ Friday 14th).
            (
                "0 9 15W * *", "2026-08-01T00:00:00Z",
                ["2026-08-14T09:00:00Z", "2026-09-15T09:00:00Z", "2026-10-15T09:00:00Z"]
            ),
            // 1W on a Saturday the 1st moves forward to Monday the 3rd, never into the previous month.
            ("0 9 1W 8 *", "2026-07-01T00:00:00Z", ["2026-08-03T09:00:00Z"]),
            // 31W on a Sunday the 31st moves back to Friday the 29th; 30-day months have no 31st.
            ("0 9 31W 4,5 *", "2026-04-01T00:00:00Z", ["2026-05-29T09:00:00Z", "2027-05-31T09:00:00Z"]),
            // First Monday: Dec 1 2026 is a Tuesday.
            (
                "0 9 * * 2#1", "2026-11-28T00:00:00Z",
                ["2026-12-07T09:00:00Z", "2027-01-04T09:00:00Z", "2027-02-01T09:00:00Z"]
            ),
            // Last day, and two days before it.
            ("0 0 L * *", "2028-02-01T00:00:00Z", ["2028-02-29T00:00:00Z", "2028-03-31T00:00:00Z"]),
            ("0 0 L-2 2 *", "2027-01-01T00:00:00Z", ["2027-02-26T00:00:00Z", "2028-02-27T00:00:00Z"]),
            // Both day fields restricted: either matches (the 13th, or a Friday). Nov 13 2026 is a Friday.
            (
                "0 0 13 * fri", "2026-11-01T00:00:00Z",
                ["2026-11-06T00:00:00Z", "2026-11-13T00:00:00Z", "2026-11-20T00:00:00Z"]
            ),
            // A stepped day-of-month is "*"-like: both must match (odd days that are Fridays).
            ("0 0 */2 * fri", "2026-11-01T00:00:00Z", ["2026-11-13T00:00:00Z", "2026-11-27T00:00:00Z"]),
            // Year end.
            ("30 23 31 12 *", "2026-12-31T23:30:00Z", ["2027-12-31T23:30:00Z"]),
            ("0 0 1 1 *", "2026-12-31T23:59:59Z", ["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"]),
        ])
    func fireTimes(_ example: (String, String, [String])) throws {
        let expression = try CronExpression(parsing: example.0)
        let times = expression.fireTimes(after: utc(example.1)).prefix(example.2.count).map(iso)
        #expect(times == example.2)
    }

    @Test("next is strictly after the instant, at whole minutes")
    func strictlyAfter() throws {
        let everyMinute = try CronExpression(parsing: "* * * * *")
        #expect(iso(everyMinute.next(after: utc("2026-01-01T10:00:00Z"))) == "2026-01-01T10:01:00Z")
        #expect(iso(everyMinute.next(after: utc("2026-01-01T10:00:30Z"))) == "2026-01-01T10:01:00Z")
        #expect(iso(everyMinute.next(after: utc("2026-01-01T09:59:59Z"))) == "2026-01-01T10:00:00Z")
    }

    @Test("*/7 covers minutes 0, 7, …, 56 and then 0 again")
    func stepAcrossHour() throws {
        let expression = try CronExpression(parsing: "*/7 * * * *")
        let minutes = expression.fireTimes(after: utc("2026-03-01T09:59:00Z")).prefix(10).map {
            Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: $0).minute ?? -1
        }
        #expect(minutes == [0, 7, 14, 21, 28, 35, 42, 49, 56, 0])
    }

    @Test("an expression that can never fire has no next time", arguments: ["0 0 30 2 *", "0 0 31 4,6,9,11 *"])
    func neverFires(_ text: String) throws {
        let expression = try CronExpression(parsing: text)
        #expect(expression.next(after: utc("2026-01-01T00:00:00Z")) == nil)
        #expect(Array(expression.fireTimes(after: utc("2026-01-01T00:00:00Z"))).isEmpty)
    }

    @Test("dates before 1970 work too")
    func beforeEpoch() throws {
        let expression = try CronExpression(parsing: "0 12 * * mon")
        #expect(iso(expression.next(after: utc("1969-12-31T00:00:00Z"))) == "1970-01-05T12:00:00Z")
    }
}
