import Testing

@testable import OutpostRuntime

/// `dev --watch`'s debounce: one batch per burst of changes, once the burst has been quiet for the
/// quiet period (instants are given, not waited for).
struct ChangeScheduleTests {
    @Test func aBurstOfEventsIsOneBatchOnceItIsQuiet() {
        var schedule = ChangeSchedule(quiet: .milliseconds(300))
        let start = ContinuousClock.now
        #expect(schedule.dueTime == nil)
        for step in 0..<5 {
            schedule.note(.sources, path: "/p/Sources/a.swift", at: start + .milliseconds(50 * step))
            #expect(schedule.takeDue(at: start + .milliseconds(50 * step + 10)) == nil)
        }
        schedule.note(.config, path: "/p/wrangler.toml", at: start + .milliseconds(250))
        #expect(schedule.takeDue(at: start + .milliseconds(549)) == nil)
        let batch = schedule.takeDue(at: start + .milliseconds(550))
        #expect(batch?.changes == [.sources, .config])
        #expect(batch?.paths == ["/p/Sources/a.swift", "/p/wrangler.toml"])
        #expect(schedule.dueTime == nil)
        #expect(schedule.takeDue(at: start + .seconds(10)) == nil)
    }

    @Test func changesAfterABatchWasTakenMakeExactlyOneMore() {
        var schedule = ChangeSchedule(quiet: .milliseconds(300))
        let start = ContinuousClock.now
        schedule.note(.sources, path: "/p/Sources/a.swift", at: start)
        #expect(schedule.takeDue(at: start + .seconds(1)) != nil)
        // While that batch runs (a build), three more saves come.
        for step in 1...3 {
            schedule.note(.sources, path: "/p/Sources/b\(step).swift", at: start + .seconds(1 + step))
        }
        let next = schedule.takeDue(at: start + .seconds(20))
        #expect(next?.paths.count == 3)
        #expect(schedule.takeDue(at: start + .seconds(40)) == nil)
    }
}
