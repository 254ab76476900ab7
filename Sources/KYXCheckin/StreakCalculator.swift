/// The streak rule: the previous check-in at most `1 + maxBreakDays` days back continues the streak.
struct StreakCalculator: Sendable {
    let calendar: DayCalendar
    let maxBreakDays: Int

    /// Today's streak given the latest earlier check-in (`date`, its streak), if any.
    func streak(today: String, previous: (date: String, streak: Int)?) -> Int {
        guard let previous, let gap = calendar.days(from: previous.date, to: today), gap >= 1 else { return 1 }
        return gap <= 1 + maxBreakDays ? previous.streak + 1 : 1
    }
}
