/// What the day-of-week field allows: plain weekdays plus Quartz's `nL` and `n#k` (weekdays 1-7, 1 = Sunday).
struct DayOfWeekRule: Sendable, Equatable {
    /// The k-th occurrence of a weekday in a month (`n#k`).
    struct Occurrence: Sendable, Hashable {
        /// The weekday, 1-7 with 1 = Sunday.
        var weekday: Int
        /// Which one in the month, 1-5.
        var ordinal: Int
    }

    /// Plain weekdays.
    var days = CronValueSet()
    /// `nL`: the last weekday n of the month.
    var lastInMonth: Set<Int> = []
    /// `n#k`: the k-th weekday n of the month.
    var occurrences: Set<Occurrence> = []

    /// Whether `day` of `month` matches.
    func matches(_ day: Int, in month: CalendarMonth) -> Bool {
        let weekday = month.weekday(of: day)
        if days.contains(weekday) { return true }
        if lastInMonth.contains(weekday) && day + 7 > month.dayCount { return true }
        return occurrences.contains(Occurrence(weekday: weekday, ordinal: (day - 1) / 7 + 1))
    }
}
