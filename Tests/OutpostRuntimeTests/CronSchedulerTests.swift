import Foundation
import Logging
import Outpost
import OutpostConfig
import OutpostTesting
import Testing

@testable import OutpostCron
@testable import OutpostRuntime

// A hang guard, not a speed target: Swift Testing runs every test on the cooperative pool (one thread
// per core), which the blocking integration tests beside these can hold for tens of seconds on 2 cores.
@Suite("Cron scheduler", .timeLimit(.minutes(3)))
struct CronSchedulerTests {
    private func scheduler(
        _ expressions: [String], worker: any Worker, clock: ManualClock,
        options: CronSchedulerOptions = CronSchedulerOptions(), logger: Logger = RecordingLogHandler.logger().0
    ) throws -> CronScheduler {
        let crons = try expressions.map { try CronExpression(parsing: $0) }
        return CronScheduler(
            worker: worker, env: Env(), crons: crons, clock: clock.cronClock, logger: logger, options: options)
    }

    private func ms(_ text: String) -> Double { utc(text).timeIntervalSince1970 * 1000 }

    @Test("fires at each due instant with scheduledTime = the due instant in ms")
    func firesOnTime() async throws {
        let clock = ManualClock(now: utc("2026-01-01T10:00:30Z"))
        let worker = ScheduledRecorder()
        let scheduler = try scheduler(["*/5 * * * *"], worker: worker, clock: clock)
        let task = Task { await scheduler.run() }

        #expect(await clock.sleepers(atLeast: 1) == [utc("2026-01-01T10:05:00Z")])
        clock.advance(to: utc("2026-01-01T10:05:00Z"))
        await scheduler.stats.waitUntil { $0.runs == 1 }
        #expect(await clock.sleepers(atLeast: 1) == [utc("2026-01-01T10:10:00Z")])
        clock.advance(to: utc("2026-01-01T10:10:00Z"))
        await scheduler.stats.waitUntil { $0.runs == 2 }
        task.cancel()
        await task.value

        #expect(worker.recorded.map(\.cron) == ["*/5 * * * *", "*/5 * * * *"])
        #expect(worker.recorded.map(\.scheduledTime) == [ms("2026-01-01T10:05:00Z"), ms("2026-01-01T10:10:00Z")])
        let counters = try #require(scheduler.stats.snapshot.counters(for: "*/5 * * * *"))
        #expect(counters.lastRun?.scheduledTime == utc("2026-01-01T10:10:00Z"))
        #expect(counters.lastRun?.succeeded == true)
        #expect(scheduler.stats.snapshot.state == .stopped)
    }

    @Test("several crons fire independently, each with its own expression")
    func severalCrons() async throws {
        let clock = ManualClock(now: utc("2026-01-01T10:54:00Z"))
        let worker = ScheduledRecorder()
        let scheduler = try scheduler(["*/5 * * * *", "0 * * * *"], worker: worker, clock: clock)
        let task = Task { await scheduler.run() }

        #expect(await clock.sleepers(atLeast: 2) == [utc("2026-01-01T10:55:00Z"), utc("2026-01-01T11:00:00Z")])
        clock.advance(to: utc("2026-01-01T10:55:00Z"))
        await scheduler.stats.waitUntil { $0.runs == 1 }
        #expect(await clock.sleepers(atLeast: 2) == [utc("2026-01-01T11:00:00Z"), utc("2026-01-01T11:00:00Z")])
        clock.advance(to: utc("2026-01-01T11:00:00Z"))
        let snapshot = await scheduler.stats.waitUntil { $0.runs == 3 }
        task.cancel()
        await task.value

        #expect(snapshot.crons.map(\.runs) == [2, 1])
        let hourly = worker.recorded.filter { $0.cron == "0 * * * *" }.map(\.scheduledTime)
        #expect(hourly == [ms("2026-01-01T11:00:00Z")])
    }

    @Test("a tick that comes while the previous run is going is skipped and counted")
    func overlapSkipped() async throws {
        let clock = ManualClock(now: utc("2026-01-01T10:00:00Z"))
        let started = TestGate()
        let release = TestGate()
        let worker = ScheduledRecorder(.block(started: started, release: release))
        let scheduler = try scheduler(["* * * * *"], worker: worker, clock: clock)
        let task = Task { await scheduler.run() }

        _ = await clock.sleepers(atLeast: 1)
        clock.advance(to: utc("2026-01-01T10:01:00Z"))
        await started.wait()
        _ = await clock.sleepers(atLeast: 1)
        clock.advance(to: utc("2026-01-01T10:02:00Z"))
        let skipped = await scheduler.stats.waitUntil { $0.skippedOverlaps == 1 }
        #expect(skipped.runs == 0)
        #expect(skipped.crons[0].isRunning)

        release.open()
        await scheduler.stats.waitUntil { $0.runs == 1 }
        #expect(await clock.sleepers(atLeast: 1) == [utc("2026-01-01T10:03:00Z")])
        clock.advance(to: utc("2026-01-01T10:03:00Z"))
        let done = await scheduler.stats.waitUntil { $0.runs == 2 }
        task.cancel()
        await task.value

        #expect(done.skippedOverlaps == 1)
        #expect(worker.recorded.map(\.scheduledTime) == [ms("2026-01-01T10:01:00Z"), ms("2026-01-01T10:03:00Z")])
    }

    @Test("waitUntil work is awaited before a run counts as finished")
    func waitUntilAwaited() async throws {
        let clock = ManualClock(now: utc("2026-01-01T10:00:00Z"))
        let started = TestGate()
        let release = TestGate()
        let worker = ScheduledRecorder(.waitUntil(started: started, release: release))
        let scheduler = try scheduler(["* * * * *"], worker: worker, clock: clock)
        let task = Task { await scheduler.run() }

        _ = await clock.sleepers(atLeast: 1)
        clock.advance(to: utc("2026-01-01T10:01:00Z"))
        await started.wait()
        #expect(scheduler.stats.snapshot.runs == 0)
        #expect(scheduler.stats.snapshot.crons[0].isRunning)
        _ = await clock.sleepers(atLeast: 1)
        clock.advance(to: utc("2026-01-01T10:02:00Z"))
        await scheduler.stats.waitUntil { $0.skippedOverlaps == 1 }

        release.open()
        await scheduler.stats.waitUntil { $0.runs == 1 }
        #expect(worker.finishedWaitUntilCount == 1)
        task.cancel()
        await task.value
    }

    @Test("a throwing handler is counted and logged with its cron")
    func failureCounted() async throws {
        let clock = ManualClock(now: utc("2026-01-01T10:00:00Z"))
        let (logger, logs) = RecordingLogHandler.logger()
        let worker = ScheduledRecorder(.failWithoutRetry("boom"))
        let scheduler = try scheduler(["* * * * *"], worker: worker, clock: clock, logger: logger)
        let task = Task { await scheduler.run() }

        _ = await clock.sleepers(atLeast: 1)
        clock.advance(to: utc("2026-01-01T10:01:00Z"))
        let snapshot = await scheduler.stats.waitUntil { $0.runs == 1 }
        task.cancel()
        await task.value

        #expect(snapshot.failures == 1)
        #expect(snapshot.crons[0].lastRun?.error == "boom")
        #expect(snapshot.crons[0].lastRun?.noRetry == true)
        let failure = logs.all.first { $0.level == .error }
        #expect(failure?.message == "cron run failed: boom")
        #expect(failure?.metadata["cron"] == "* * * * *")
    }

    @Test("a worker without scheduled() fails each run with the runtime's TypeError")
    func missingHandler() async throws {
        struct FetchOnly: Worker {
            func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response { .text("") }
        }
        let clock = ManualClock(now: utc("2026-01-01T10:00:00Z"))
        let scheduler = try scheduler(["* * * * *"], worker: FetchOnly(), clock: clock)
        let task = Task { await scheduler.run() }
        _ = await clock.sleepers(atLeast: 1)
        clock.advance(to: utc("2026-01-01T10:01:00Z"))
        let snapshot = await scheduler.stats.waitUntil { $0.runs == 1 }
        task.cancel()
        await task.value
        #expect(snapshot.crons[0].lastRun?.error == "TypeError: Handler does not export a scheduled() function")
    }

    @Test("[outpost] crons = false: run returns at once without firing")
    func disabled() async throws {
        var config = WorkerConfig(file: "wrangler-like.toml", directory: "/tmp")
        config.crons = [CronTriggerConfig(expression: "* * * * *", line: 3)]
        config.outpost.crons = false
        let clock = ManualClock(now: utc("2026-01-01T10:00:00Z"))
        let worker = ScheduledRecorder()
        let scheduler = try CronScheduler(
            worker: worker, env: Env(), config: config, clock: clock.cronClock, logger: Logger(label: "test"))
        await scheduler.run()
        #expect(scheduler.stats.snapshot.state == .disabled)
        #expect(worker.recorded.isEmpty)
    }

    @Test("no crons: run returns at once")
    func noCrons() async throws {
        let clock = ManualClock(now: utc("2026-01-01T10:00:00Z"))
        let scheduler = try scheduler([], worker: ScheduledRecorder(), clock: clock)
        await scheduler.run()
        #expect(scheduler.stats.snapshot.state == .noCrons)
    }

    @Test("a bad cron in the config fails the scheduler's construction with the ConfigError")
    func badConfig() {
        var config = WorkerConfig(file: "wrangler-like.toml", directory: "/tmp")
        config.crons = [CronTriggerConfig(expression: "* * * * 9", line: 7)]
        #expect(throws: ConfigError.self) {
            try CronScheduler(
                worker: ScheduledRecorder(), env: Env(), config: config,
                clock: ManualClock(now: Date()).cronClock, logger: Logger(label: "test"))
        }
    }
}
