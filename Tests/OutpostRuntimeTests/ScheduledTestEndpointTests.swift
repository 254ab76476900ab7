import Foundation
import Outpost
import Testing

@testable import OutpostCron
@testable import OutpostRuntime

@Suite("Scheduled test endpoints")
struct ScheduledTestEndpointTests {
    private let now = utc("2026-01-01T10:00:00Z")

    private func response(_ path: String, worker: any Worker) async throws -> Response? {
        let request = Request(url: try #require(URL(string: "http://localhost:8787" + path)))
        return await ScheduledTestEndpoint.response(for: request, worker: worker, env: Env(), now: now)
    }

    @Test("other paths are left to the worker", arguments: ["/", "/__scheduled/x", "/cdn-cgi/handler/other"])
    func otherPaths(_ path: String) async throws {
        let worker = ScheduledRecorder()
        #expect(try await response(path, worker: worker) == nil)
        #expect(worker.recorded.isEmpty)
    }

    @Test("/__scheduled runs the handler with the cron and now")
    func wranglerSuccess() async throws {
        let worker = ScheduledRecorder()
        let answer = try #require(try await response("/__scheduled?cron=*/5+*+*+*+*", worker: worker))
        #expect(answer.status == 200)
        #expect(try await answer.text() == "Ran scheduled event")
        #expect(worker.recorded.map(\.cron) == ["*/5 * * * *"])
        #expect(worker.recorded.map(\.scheduledTime) == [now.timeIntervalSince1970 * 1000])
    }

    @Test("/__scheduled answers 500 with the error text when the handler throws")
    func wranglerFailure() async throws {
        let answer = try #require(try await response("/__scheduled", worker: ScheduledRecorder(.fail("boom"))))
        #expect(answer.status == 500)
        #expect(try await answer.text() == "boom")
    }

    @Test("/cdn-cgi/handler/scheduled passes cron and time and answers the outcome")
    func miniflareSuccess() async throws {
        let worker = ScheduledRecorder()
        let answer = try #require(
            try await response("/cdn-cgi/handler/scheduled?cron=0%2017%20*%20*%20sun&time=1234", worker: worker))
        #expect(answer.status == 200)
        #expect(try await answer.text() == "ok")
        #expect(worker.recorded.map(\.cron) == ["0 17 * * sun"])
        #expect(worker.recorded.map(\.scheduledTime) == [1234])
    }

    @Test("missing cron is the empty string; missing time is now")
    func miniflareDefaults() async throws {
        let worker = ScheduledRecorder()
        _ = try await response("/cdn-cgi/handler/scheduled", worker: worker)
        #expect(worker.recorded.map(\.cron) == [""])
        #expect(worker.recorded.map(\.scheduledTime) == [now.timeIntervalSince1970 * 1000])
    }

    @Test("a throwing handler answers exception with 500")
    func miniflareFailure() async throws {
        let answer = try #require(
            try await response("/cdn-cgi/handler/scheduled?cron=x", worker: ScheduledRecorder(.fail("boom"))))
        #expect(answer.status == 500)
        #expect(try await answer.text() == "exception")
    }

    @Test(
        "format=json answers the outcome object",
        arguments: [
            (ScheduledRecorder.Behaviour.succeed, 200, #"{"outcome":"ok","noRetry":false}"#),
            (.fail("boom"), 500, #"{"outcome":"exception","noRetry":false}"#),
            (.failWithoutRetry("boom"), 500, #"{"outcome":"exception","noRetry":true}"#),
        ])
    func miniflareJSON(_ example: (ScheduledRecorder.Behaviour, Int, String)) async throws {
        let answer = try #require(
            try await response("/cdn-cgi/handler/scheduled?format=json", worker: ScheduledRecorder(example.0)))
        #expect(answer.status == example.1)
        #expect(try await answer.json() == JSONValue(parsing: example.2))
    }

    @Test("waitUntil work finishes before the endpoint answers")
    func waitUntilAwaited() async throws {
        let started = TestGate()
        let release = TestGate()
        release.open()
        let worker = ScheduledRecorder(.waitUntil(started: started, release: release))
        _ = try await response("/__scheduled", worker: worker)
        #expect(worker.finishedWaitUntilCount == 1)
    }

    @Test("a time that is not a number is a 400")
    func badTime() async throws {
        let worker = ScheduledRecorder()
        let answer = try #require(try await response("/cdn-cgi/handler/scheduled?time=soon", worker: worker))
        #expect(answer.status == 400)
        #expect(worker.recorded.isEmpty)
    }
}
