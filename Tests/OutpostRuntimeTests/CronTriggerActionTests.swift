import ArgumentParser
import Outpost
import Testing

@testable import OutpostCron
@testable import OutpostRuntime

@Suite("cron trigger and cron list")
struct CronTriggerActionTests {
    @Test("a handler that returns: exit 0, ok, with the given cron and time")
    func success() async {
        let worker = ScheduledRecorder()
        let report = await CronTriggerAction.run(
            expression: "*/5 * * * *", scheduledTime: 1_767_261_600_000, worker: worker, env: Env())
        #expect(report.exitCode == 0)
        #expect(report.message == "Ran scheduled event \"*/5 * * * *\" at 2026-01-01T10:00:00Z: ok")
        #expect(worker.recorded.map(\.cron) == ["*/5 * * * *"])
        #expect(worker.recorded.map(\.scheduledTime) == [1_767_261_600_000])
    }

    @Test("a handler that throws: exit 1 and the error")
    func failure() async {
        let report = await CronTriggerAction.run(
            expression: "0 0 * * *", scheduledTime: 1_767_261_600_000,
            worker: ScheduledRecorder(.failWithoutRetry("boom")),
            env: Env())
        #expect(report.exitCode == 1)
        #expect(report.message == "Scheduled event \"0 0 * * *\" at 2026-01-01T10:00:00Z threw: boom (noRetry)")
    }

    @Test("a worker without scheduled(): exit 1 and the runtime's TypeError")
    func missingHandler() async {
        struct FetchOnly: Worker {
            func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response { .text("") }
        }
        let report = await CronTriggerAction.run(
            expression: "* * * * *", scheduledTime: 0, worker: FetchOnly(), env: Env())
        #expect(report.exitCode == 1)
        #expect(report.message.hasSuffix("threw: TypeError: Handler does not export a scheduled() function"))
    }

    @Test("waitUntil work is awaited before the outcome is reported")
    func waitUntilAwaited() async {
        let release = TestGate()
        release.open()
        let worker = ScheduledRecorder(.waitUntil(started: TestGate(), release: release))
        _ = await CronTriggerAction.run(expression: "* * * * *", scheduledTime: 0, worker: worker, env: Env())
        #expect(worker.finishedWaitUntilCount == 1)
    }

    @Test("the command line parses into the cron subcommands")
    func parsing() throws {
        let trigger = try OutpostCommand.parseAsRoot(["cron", "trigger", "*/5 * * * *", "--time", "1000"])
        let parsed = try #require(trigger as? CronCommand.Trigger)
        #expect(parsed.expression == "*/5 * * * *")
        #expect(parsed.time == 1000)
        #expect(try OutpostCommand.parseAsRoot(["cron", "list", "--env", "staging"]) is CronCommand.List)
    }

    @Test("cron list shows each cron's next five fire times")
    func listing() throws {
        let crons = [
            (expression: try CronExpression(parsing: "0 0 31 * *"), line: 12),
            (expression: try CronExpression(parsing: "0 0 30 2 *"), line: 13),
        ]
        let text = CronListing.render(crons, file: "wrangler-like.toml", now: utc("2026-01-31T00:00:00Z"))
        #expect(
            text == """
                0 0 31 * *  (wrangler-like.toml:12)
                  2026-03-31T00:00:00Z
                  2026-05-31T00:00:00Z
                  2026-07-31T00:00:00Z
                  2026-08-31T00:00:00Z
                  2026-10-31T00:00:00Z
                0 0 30 2 *  (wrangler-like.toml:13)
                  never fires
                """)
        #expect(
            CronListing.render([], file: "w.toml", now: utc("2026-01-01T00:00:00Z"))
                == "no crons in [triggers] of w.toml")
    }
}
