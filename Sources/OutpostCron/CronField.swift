/// One of the five fields of a cron expression, in the order they are written.
package enum CronField: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Minute of the hour, 0-59.
    case minute
    /// Hour of the day (UTC), 0-23.
    case hour
    /// Day of the month, 1-31; also `L`, `LW`, `L-n` and `nW`.
    case dayOfMonth = "day-of-month"
    /// Month, 1-12 or `JAN`…`DEC`.
    case month
    /// Day of the week, 1-7 with 1 = Sunday, or `SUN`…`SAT`; also `nL` and `n#k`.
    case dayOfWeek = "day-of-week"

    /// The field's name as messages print it, e.g. `day-of-month`.
    package var description: String { rawValue }

    /// The values the field accepts.
    var bounds: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 1...7
        }
    }

    /// Names accepted instead of numbers, in value order from `bounds.lowerBound`.
    var names: [String] {
        switch self {
        case .month: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        case .dayOfWeek: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
        default: []
        }
    }

    /// The accepted range as messages print it, e.g. `0-59` or `1-7 (1 = Sunday)`.
    var rangeText: String {
        let range = "\(bounds.lowerBound)-\(bounds.upperBound)"
        return self == .dayOfWeek ? range + " (1 = Sunday)" : range
    }
}
