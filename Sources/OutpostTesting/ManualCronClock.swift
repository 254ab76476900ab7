import Foundation
import OutpostCron

/// A `ManualClock` seen through the cron scheduler's `CronClock`.
struct ManualCronClock: CronClock {
    let clock: ManualClock

    var now: Date { clock.now }

    func sleep(until deadline: Date) async throws {
        try await clock.sleep(until: deadline)
    }
}
