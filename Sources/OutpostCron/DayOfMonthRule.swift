/// What the day-of-month field allows: plain days plus Quartz's `L`, `L-n`, `LW` and `nW`.
struct DayOfMonthRule: Sendable, Equatable {
    /// Plain days (1-31); a day the month lacks never matches.
    var days = CronValueSet()
    /// `L` (offset 0) and `L-n`: the last day of the month minus the offset.
    var lastDayOffsets: Set<Int> = []
    /// `nW`: the weekday nearest to day n, without leaving the month.
    var nearestWeekdays: Set<Int> = []
    /// `LW`: the last Monday-to-Friday of the month.
    var lastWeekday = false

    /// Whether `day` of `month` matches.
    func matches(_ day: Int, in month: CalendarMonth) -> Bool {
        if days.contains(day) && day <= month.dayCount { return true }
        if lastDayOffsets.contains(month.dayCount - day) { return true }
        if lastWeekday && day == Self.lastWeekday(of: month) { return true }
        return nearestWeekdays.contains { Self.nearestWeekday(to: $0, in: month) == day }
    }

    /// The last Monday-to-Friday of `month`.
    static func lastWeekday(of month: CalendarMonth) -> Int {
        var day = month.dayCount
        while !month.isWeekday(day) { day -= 1 }
        return day
    }

    /// Quartz's `nW`: `target` if it is a weekday, else the nearest weekday in the same month
    /// (Saturday → Friday before, or Monday the 3rd for the 1st; Sunday → Monday after, or Friday
    /// before for the last day). `nil` when the month has no day `target`.
    static func nearestWeekday(to target: Int, in month: CalendarMonth) -> Int? {
        guard target <= month.dayCount else { return nil }
        switch month.weekday(of: target) {
        case 7: return target == 1 ? 3 : target - 1
        case 1: return target == month.dayCount ? target - 2 : target + 1
        default: return target
        }
    }
}
