/// The shape of one month of the proleptic Gregorian calendar (UTC): its length and the weekday it starts on.
struct CalendarMonth: Sendable, Equatable {
    /// The year, e.g. 2028.
    let year: Int
    /// The month, 1-12.
    let month: Int
    /// How many days the month has (28-31).
    let dayCount: Int
    /// The weekday of the 1st, 1-7 with 1 = Sunday.
    let firstWeekday: Int

    /// The month `month` of `year`.
    init(year: Int, month: Int) {
        self.year = year
        self.month = month
        dayCount = Self.dayCount(month: month, year: year)
        firstWeekday = Self.weekday(daysSinceEpoch: Self.daysSinceEpoch(year: year, month: month, day: 1))
    }

    /// The weekday of `day` of this month, 1-7 with 1 = Sunday.
    func weekday(of day: Int) -> Int {
        (firstWeekday - 1 + day - 1) % 7 + 1
    }

    /// Whether `day` is Monday to Friday.
    func isWeekday(_ day: Int) -> Bool {
        (2...6).contains(weekday(of: day))
    }

    /// Whether `year` is a leap year.
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` of `year`.
    static func dayCount(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given date (negative before it). Howard Hinnant's `days_from_civil`.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01. Howard Hinnant's `civil_from_days`.
    static func date(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The weekday of the day `days` after 1970-01-01 (a Thursday), 1-7 with 1 = Sunday.
    static func weekday(daysSinceEpoch days: Int) -> Int {
        ((days + 4) % 7 + 7) % 7 + 1
    }
}
