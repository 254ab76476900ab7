import Outpost
import OutpostTesting
import Testing

/// Counts visits in KV; a daily cron resets the count.
struct VisitCounter: Worker {
    func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response {
        let kv = try env.kv("KV")
        let visits = (Int(try await kv.get("visits") ?? "0") ?? 0) + 1
        ctx.waitUntil { try await kv.put("visits", String(visits)) }
        try await kv.put("last-visit", request.path, expirationTtl: 60)
        return .text("visit \(visits)")
    }

    func scheduled(_ controller: ScheduledController, env: Env, ctx: ExecutionContext) async throws {
        try await env.kv("KV").delete("visits")
    }
}

@Suite("VisitCounter")
struct VisitCounterTests {
    @Test func countsVisitsAndTheCronResetsThem() async throws {
        let test = try await TestWorker(VisitCounter(), bindings: TestBindings().kv("KV"))
        #expect(try await test.fetch("/a").text() == "visit 1")
        #expect(try await test.fetch("/b").text() == "visit 2")  // waitUntil work is done when fetch returns
        #expect(try await test.env.kv("KV").get("visits") == "2")
        try await test.scheduled(cron: "0 0 * * *")
        #expect(try await test.env.kv("KV").get("visits") == nil)
    }

    @Test func lastVisitExpiresAfterAMinute() async throws {
        let test = try await TestWorker(VisitCounter(), bindings: TestBindings().kv("KV"))
        _ = try await test.fetch("/hello")
        test.clock.advance(seconds: 59)
        #expect(try await test.env.kv("KV").get("last-visit") == "/hello")
        test.clock.advance(seconds: 1)
        #expect(try await test.env.kv("KV").get("last-visit") == nil)
    }
}
