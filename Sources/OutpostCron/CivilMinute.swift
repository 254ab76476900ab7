import Foundation

/// A whole minute on the UTC calendar: the unit cron schedules are written in.
struct CivilMinute: Sendable, Equatable {
    /// The year.
    var year: Int
    /// The month, 1-12.
    var month: Int
    /// The day of the month, 1-31.
    var day: Int
    /// The hour, 0-23.
    var hour: Int
    /// The minute, 0-59.
    var minute: Int

    /// The given calendar minute.
    init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// The first whole minute strictly after `date`.
    init(firstAfter date: Date) {
        let minutes = Int((date.timeIntervalSince1970 / 60).rounded(.down)) + 1
        let days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
        let minuteOfDay = minutes - days * 1440
        let civil = CalendarMonth.date(daysSinceEpoch: days)
        self.init(
            year: civil.year, month: civil.month, day: civil.day, hour: minuteOfDay / 60, minute: minuteOfDay % 60)
    }

    /// The instant this minute starts.
    var date: Date {
        let days = CalendarMonth.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = (days * 1440 + hour * 60 + minute) * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
