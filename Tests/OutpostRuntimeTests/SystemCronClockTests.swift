import Foundation
import Testing

@testable import OutpostCron
@testable import OutpostRuntime

@Suite("System cron clock")
struct SystemCronClockTests {
    @Test("a deadline in the past returns at once")
    func pastDeadline() async throws {
        let clock = SystemCronClock()
        try await clock.sleep(until: clock.now.addingTimeInterval(-1))
    }

    @Test("cancelling a sleeper throws CancellationError without waiting for the deadline")
    func cancellation() async {
        let clock = SystemCronClock()
        let sleeper = Task { try await clock.sleep(until: clock.now.addingTimeInterval(3600)) }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
    }
}
