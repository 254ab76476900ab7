import Foundation

/// The 1, 5 and 15 minute load averages from `/proc/loadavg` (or `getloadavg`).
enum LoadAverage {
    /// The three load averages as `"0.52 1.10 0.98"`, or `"unavailable"`.
    static func current() -> String {
        var samples = [0.0, 0.0, 0.0]
        guard getloadavg(&samples, 3) == 3 else { return "unavailable" }
        return samples.map { String(format: "%.2f", $0) }.joined(separator: " ")
    }
}
