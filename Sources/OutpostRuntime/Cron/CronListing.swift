import Foundation
import OutpostCron

/// What `cron list` prints: each cron with where it is written and its next fire times (ISO-8601 UTC).
enum CronListing {
    /// The listing of `crons` (with their config lines) as of `now`, `count` fire times each.
    static func render(_ crons: [(expression: CronExpression, line: Int)], file: String, now: Date, count: Int = 5)
        -> String
    {
        guard !crons.isEmpty else { return "no crons in [triggers] of \(file)" }
        var lines: [String] = []
        for cron in crons {
            lines.append("\(cron.expression.text)  (\(file):\(cron.line))")
            let times = Array(cron.expression.fireTimes(after: now).prefix(count))
            if times.isEmpty { lines.append("  never fires") }
            for time in times { lines.append("  " + time.formatted(.iso8601)) }
        }
        return lines.joined(separator: "\n")
    }
}
