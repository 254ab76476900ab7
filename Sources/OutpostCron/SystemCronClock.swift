package import Foundation

/// The system's wall clock. Sleeps in slices of at most `maximumSlice` seconds and re-reads the clock
/// after each, so a clock that is stepped (NTP, suspend) delays a fire by at most one slice.
package struct SystemCronClock: CronClock {
    /// The longest single sleep, in seconds.
    package let maximumSlice: TimeInterval

    /// A system clock that re-reads the time at least every `maximumSlice` seconds.
    package init(maximumSlice: TimeInterval = 30) {
        self.maximumSlice = maximumSlice
    }

    package var now: Date { Date() }

    package func sleep(until deadline: Date) async throws {
        while true {
            let remaining = deadline.timeIntervalSince(Date())
            if remaining <= 0 { return }
            try await Task.sleep(for: .seconds(min(remaining, maximumSlice)))
        }
    }
}
