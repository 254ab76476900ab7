package import Foundation

/// A parsed cron expression with Cloudflare's grammar, evaluated in UTC.
///
/// Five fields, `minute hour day-of-month month day-of-week`; `* , - /` in every field; month names
/// `JAN`…`DEC` and weekday names `SUN`…`SAT` in any case; weekdays 1-7 with **1 = Sunday** (Quartz
/// style, so `0 17 * * sun` is `0 17 * * 1` and `mon-fri` is `2-6`); in day-of-month `L` (last day),
/// `L-n` (n days before the last), `LW` (last weekday) and `nW` (weekday nearest to day n, within the
/// month); in day-of-week `nL` (last weekday n of the month, `6L` = last Friday), `n#k` (k-th weekday n,
/// `2#1` = first Monday) and `L` (Saturday); `?` is `*` in both day fields. When both day fields are
/// restricted a day matches if either matches, as in standard cron (see `CronSchedule`).
package struct CronExpression: Sendable, Equatable, CustomStringConvertible {
    /// The expression as written, e.g. `*/5 * * * *`; this is `ScheduledController.cron`.
    package let text: String
    /// The parsed fields.
    let schedule: CronSchedule

    /// Parses `text`; fields are separated by any run of spaces or tabs.
    package init(parsing text: String) throws(CronParseError) {
        self.text = text
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        schedule = try CronSchedule(fields: fields)
    }

    package var description: String { text }

    /// The first instant strictly after `date` at which the expression fires, or `nil` if it never does
    /// (e.g. `0 0 30 2 *`). Instants are whole UTC minutes.
    package func next(after date: Date) -> Date? {
        schedule.first(atOrAfter: CivilMinute(firstAfter: date))?.date
    }

    /// The instants the expression fires at, strictly after `date`, in order.
    package func fireTimes(after date: Date) -> CronFireTimes {
        CronFireTimes(expression: self, after: date)
    }
}
