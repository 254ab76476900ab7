/// The parsed fields of a cron expression and the instants they allow, in UTC.
///
/// Days: when day-of-month and day-of-week are both restricted, a day matches if **either** matches
/// (standard cron, as crontab(5) and Vixie cron do; Quartz rejects such expressions, Cloudflare accepts
/// them). A field counts as unrestricted when it starts with `*` or is `?`, and then only the other
/// field decides (so `*/2` in day-of-month with `mon` in day-of-week means odd days that are Mondays).
struct CronSchedule: Sendable, Equatable {
    /// Allowed minutes, 0-59.
    var minutes: CronValueSet
    /// Allowed hours, 0-23.
    var hours: CronValueSet
    /// The day-of-month field.
    var daysOfMonth: DayOfMonthRule
    /// Allowed months, 1-12.
    var months: CronValueSet
    /// The day-of-week field.
    var daysOfWeek: DayOfWeekRule
    /// Whether day-of-month was written as `*…` or `?`.
    var dayOfMonthIsStar: Bool
    /// Whether day-of-week was written as `*…` or `?`.
    var dayOfWeekIsStar: Bool

    /// The schedule of the five whitespace-separated `fields`.
    init(fields: [Substring]) throws(CronParseError) {
        guard fields.count == 5 else {
            throw CronParseError(
                field: nil,
                message: "expected 5 fields (minute hour day-of-month month day-of-week), found \(fields.count)")
        }
        minutes = try CronFieldParser(field: .minute).values(fields[0])
        hours = try CronFieldParser(field: .hour).values(fields[1])
        daysOfMonth = try CronFieldParser(field: .dayOfMonth).dayOfMonth(fields[2])
        months = try CronFieldParser(field: .month).values(fields[3])
        daysOfWeek = try CronFieldParser(field: .dayOfWeek).dayOfWeek(fields[4])
        dayOfMonthIsStar = fields[2].hasPrefix("*") || fields[2] == "?"
        dayOfWeekIsStar = fields[4].hasPrefix("*") || fields[4] == "?"
    }

    /// Whether the schedule allows `day` of `month` (months are checked separately).
    func allows(_ day: Int, in month: CalendarMonth) -> Bool {
        let byMonthDay = daysOfMonth.matches(day, in: month)
        let byWeekday = daysOfWeek.matches(day, in: month)
        if dayOfMonthIsStar || dayOfWeekIsStar { return byMonthDay && byWeekday }
        return byMonthDay || byWeekday
    }

    /// The first allowed minute at or after `start`, searching 400 years (one full Gregorian cycle,
    /// so `nil` means the schedule never fires).
    func first(atOrAfter start: CivilMinute) -> CivilMinute? {
        for year in start.year...(start.year + 400) {
            for month in months.values where year > start.year || month >= start.month {
                let isStartMonth = year == start.year && month == start.month
                if let found = first(in: CalendarMonth(year: year, month: month), from: isStartMonth ? start : nil) {
                    return found
                }
            }
        }
        return nil
    }

    /// The first allowed minute in `month`, at or after `start` when the search starts inside this month.
    private func first(in month: CalendarMonth, from start: CivilMinute?) -> CivilMinute? {
        let firstDay = start?.day ?? 1
        guard firstDay <= month.dayCount else { return nil }
        for day in firstDay...month.dayCount where allows(day, in: month) {
            let isStartDay = start.map { $0.day == day } ?? false
            let earliest = isStartDay ? (start?.hour ?? 0, start?.minute ?? 0) : (0, 0)
            if let time = firstTime(atOrAfter: earliest) {
                return CivilMinute(year: month.year, month: month.month, day: day, hour: time.hour, minute: time.minute)
            }
        }
        return nil
    }

    /// The first allowed time of day at or after `earliest`.
    private func firstTime(atOrAfter earliest: (hour: Int, minute: Int)) -> (hour: Int, minute: Int)? {
        var hour = hours.first(atLeast: earliest.hour)
        while let current = hour {
            if let minute = minutes.first(atLeast: current == earliest.hour ? earliest.minute : 0) {
                return (current, minute)
            }
            hour = hours.first(atLeast: current + 1)
        }
        return nil
    }
}
