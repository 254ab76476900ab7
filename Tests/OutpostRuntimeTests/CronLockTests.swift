import Foundation
import Logging
import Outpost
import OutpostTesting
import Testing

@testable import OutpostCron
@testable import OutpostRuntime

// A hang guard, not a speed target: Swift Testing runs every test on the cooperative pool (one thread
// per core), which the blocking integration tests beside these can hold for tens of seconds on 2 cores.
@Suite("Cron lock", .timeLimit(.minutes(3)))
struct CronLockTests {
    private func temporaryStateDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("outpost-cron-\(UUID().uuidString)/state").path
    }

    @Test("the lock is exclusive until released, and records the holder's pid")
    func exclusive() throws {
        let directory = temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try #require(try CronLock.acquire(in: directory))
        #expect(try CronLock.acquire(in: directory) == nil)
        let contents = try String(contentsOfFile: directory + "/cron.lock", encoding: .utf8)
        #expect(contents == "\(ProcessInfo.processInfo.processIdentifier)\n")
        first.release()
        let second = try #require(try CronLock.acquire(in: directory))
        second.release()
    }

    @Test("a second scheduler on the same state dir does not fire while the first holds the lock")
    func secondSchedulerWaits() async throws {
        let directory = temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let options = CronSchedulerOptions(enabled: true, stateDirectory: directory, lockRetryInterval: 60)
        let crons = [try CronExpression(parsing: "* * * * *")]
        let (logger, logs) = RecordingLogHandler.logger()

        let firstClock = ManualClock(now: utc("2026-01-01T10:00:00Z"))
        let firstWorker = ScheduledRecorder()
        let first = CronScheduler(
            worker: firstWorker, env: Env(), crons: crons, clock: firstClock.cronClock, logger: logger, options: options
        )
        let firstTask = Task { await first.run() }
        await first.stats.waitUntil { $0.state == .running }

        let secondClock = ManualClock(now: utc("2026-01-01T10:00:00Z"))
        let secondWorker = ScheduledRecorder()
        let second = CronScheduler(
            worker: secondWorker, env: Env(), crons: crons, clock: secondClock.cronClock, logger: logger,
            options: options)
        let secondTask = Task { await second.run() }
        await second.stats.waitUntil { $0.state == .waitingForLock }
        #expect(logs.all.contains { $0.message.contains("another process holds the cron lock") })

        // Both tick at 10:01; only the lock holder fires.
        #expect(await secondClock.sleepers(atLeast: 1) == [utc("2026-01-01T10:01:00Z")])
        _ = await firstClock.sleepers(atLeast: 1)
        firstClock.advance(to: utc("2026-01-01T10:01:00Z"))
        secondClock.advance(to: utc("2026-01-01T10:01:00Z"))
        await first.stats.waitUntil { $0.runs == 1 }
        #expect(await secondClock.sleepers(atLeast: 1) == [utc("2026-01-01T10:02:00Z")])
        #expect(secondWorker.recorded.isEmpty)
        #expect(second.stats.snapshot.state == .waitingForLock)

        // The holder stops; the other takes over at its next retry.
        firstTask.cancel()
        await firstTask.value
        secondClock.advance(to: utc("2026-01-01T10:02:00Z"))
        await second.stats.waitUntil { $0.state == .running }
        #expect(await secondClock.sleepers(atLeast: 1) == [utc("2026-01-01T10:03:00Z")])
        secondClock.advance(to: utc("2026-01-01T10:03:00Z"))
        await second.stats.waitUntil { $0.runs == 1 }
        secondTask.cancel()
        await secondTask.value

        #expect(firstWorker.recorded.map(\.scheduledTime) == [utc("2026-01-01T10:01:00Z").timeIntervalSince1970 * 1000])
        #expect(
            secondWorker.recorded.map(\.scheduledTime) == [utc("2026-01-01T10:03:00Z").timeIntervalSince1970 * 1000])
    }

    @Test("without a retry interval the second scheduler gives up at once")
    func noRetry() async throws {
        let directory = temporaryStateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let held = try #require(try CronLock.acquire(in: directory))
        defer { held.release() }
        let scheduler = CronScheduler(
            worker: ScheduledRecorder(), env: Env(), crons: [try CronExpression(parsing: "* * * * *")],
            clock: ManualClock(now: Date()).cronClock, logger: Logger(label: "test"),
            options: CronSchedulerOptions(stateDirectory: directory, lockRetryInterval: nil))
        await scheduler.run()
        #expect(scheduler.stats.snapshot.state == .waitingForLock)
    }
}
