import Foundation
import Glibc
import OutpostTestSupport
import OutpostTesting
import Testing

/// Operating the service: status page, timeouts, slow log, config errors, crons by hand.
@Suite(.serialized)
struct OperationsTests {
    static var hello: String { OutpostStack.productsDirectory + "/hello" }

    @Test func statusPageInTextJSONAndPrometheus() throws {
        // The status page counts the worker process that answers it: one process sees every request.
        let stack = try OutpostStack(
            executable: Self.hello, config: "name = \"status\"\n[outpost]\nstatus_path = \"/outpost-status\"\n",
            extraArguments: ["--processes", "1"])
        for _ in 0..<3 { _ = try stack.request("GET", "/") }
        _ = try stack.request("GET", "/nope")
        let json =
            try JSONSerialization.jsonObject(with: Data(try stack.request("GET", "/outpost-status?json").body))
            as! [String: Any]
        #expect(json["pool"] as? String == "status")
        #expect(json["process manager"] as? String == "static")
        #expect((json["accepted conn"] as? Double ?? 0) >= 4)
        #expect(json["total threads"] as? Double == 8, "4 accept threads, 4 serving kept connections")
        #expect(json["kept connections"] as? Double == 0, "nginx keeps no connection")
        #expect(json["listen queue"] is Double, "listen queue read through sock_diag")
        let responses = json["responses"] as? [String: Double]
        #expect((responses?["2xx"] ?? 0) >= 3)
        #expect(responses?["4xx"] == 1)
        let text = try stack.request("GET", "/outpost-status").text
        #expect(text.contains("accepted conn:"))
        #expect(text.contains("max active threads:"))
        let prometheus = try stack.request("GET", "/outpost-status?prometheus").text
        #expect(prometheus.contains("# TYPE outpost_accepted_connections_total counter"))
        #expect(prometheus.contains("outpost_responses_total{class=\"4xx\"} 1"))
        #expect(prometheus.contains("outpost_request_duration_seconds_bucket{le=\"+Inf\"}"))
    }

    @Test func aStuckHandlerIsAnswered504AndLogged() throws {
        let stack = try OutpostStack(
            executable: Self.hello, config: "name = \"t\"\n[outpost]\nrequest_timeout_ms = 300\nslowlog_ms = 100\n")
        let started = ContinuousClock.now
        let response = try stack.request("GET", "/slow?ms=3000")
        #expect(response.status == 504)
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(try stack.request("GET", "/").status == 200)
        try OutpostStack.waitFor(seconds: 5) { stack.server.stderr.contains("request timed out") }
        try OutpostStack.waitFor(seconds: 5) { stack.server.stderr.contains("slow request") }
    }

    @Test func aThreadWhoseHandlerTimedOutGoesOnServingAndTimesOutAgain() throws {
        // One thread: every request after the 504 runs on the thread whose handler was left behind.
        let stack = try OutpostStack(
            executable: Self.hello, config: "name = \"t\"\n[outpost]\nrequest_timeout_ms = 300\n", threads: 1)
        #expect(try stack.request("GET", "/slow?ms=1000").status == 504)
        for _ in 0..<5 { #expect(try stack.request("GET", "/").status == 200) }
        #expect(try stack.request("GET", "/slow?ms=1000").status == 504)
        usleep(1_200_000)  // both abandoned handlers have returned by now
        for _ in 0..<5 { #expect(try stack.request("GET", "/").status == 200) }
        #expect(try stack.request("GET", "/slow?ms=50").status == 200)
    }

    @Test func checkReportsAWrongTypeWithFileLineAndKeyPath() throws {
        let directory = try TestDirectory.make(prefix: "outpost-check")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "name = \"x\"\n\n[outpost]\nthreads = \"many\"\n".write(
            toFile: directory + "/wrangler.toml", atomically: true, encoding: .utf8)
        let check = try TestProcess(executable: Self.hello, arguments: ["check"], directory: directory, name: "check")
        #expect(check.waitForExit(seconds: 30) != 0)
        #expect(check.stderr.contains("wrangler.toml:4: outpost.threads"))
    }

    @Test func checkPrintsTheResolvedBindings() throws {
        let directory = try TestDirectory.make(prefix: "outpost-check")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
        name = "x"
        [vars]
        A = "1"
        [[kv_namespaces]]
        binding = "CACHE"
        id = "cache-ns"
        [triggers]
        crons = ["*/5 * * * *"]
        """.write(toFile: directory + "/wrangler-like.toml", atomically: true, encoding: .utf8)
        let check = try TestProcess(executable: Self.hello, arguments: ["check"], directory: directory, name: "check")
        #expect(check.waitForExit(seconds: 30) == 0)
        #expect(check.stdout.contains("kv CACHE"))
        #expect(check.stdout.contains("cron */5 * * * *"))
    }

    @Test func aBadCronIsAConfigErrorNamingItsLine() throws {
        let directory = try TestDirectory.make(prefix: "outpost-cron")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "name = \"x\"\n[triggers]\ncrons = [\"61 * * * *\"]\n".write(
            toFile: directory + "/wrangler.toml", atomically: true, encoding: .utf8)
        let check = try TestProcess(executable: Self.hello, arguments: ["check"], directory: directory, name: "check")
        #expect(check.waitForExit(seconds: 30) != 0)
        #expect(check.stderr.contains("wrangler.toml:3"))
        #expect(check.stderr.contains("minute 61"))
    }

    @Test func cronTriggerRunsTheScheduledHandler() throws {
        let directory = try TestDirectory.make(prefix: "outpost-cron")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "name = \"x\"\n".write(toFile: directory + "/wrangler.toml", atomically: true, encoding: .utf8)
        let trigger = try TestProcess(
            executable: Self.hello, arguments: ["cron", "trigger", "*/5 * * * *", "--time", "1700000000000"],
            directory: directory, name: "trigger")
        #expect(trigger.waitForExit(seconds: 30) == 0)
        #expect(trigger.stderr.contains("scheduled run for */5 * * * * at 1700000000000"))
    }

    @Test func devAnswersTheScheduledTestEndpoints() throws {
        let directory = try TestDirectory.make(prefix: "outpost-dev")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "name = \"dev\"\n".write(toFile: directory + "/wrangler.toml", atomically: true, encoding: .utf8)
        let port = try FreePort.find()
        let dev = try TestProcess(
            executable: Self.hello, arguments: ["dev", "--port", String(port)], directory: directory, name: "dev")
        defer { dev.stop() }
        try OutpostStack.waitFor { dev.stdout.contains("ready on") }
        try OutpostStack.waitFor { (try? HTTPTestClient(port: port, timeoutSeconds: 2)) != nil }
        let ran = try HTTPTestClient(port: port).request("GET", "/__scheduled?cron=*%2F5+*+*+*+*")
        #expect(ran.status == 200)
        #expect(ran.text == "Ran scheduled event")
        let handler = try HTTPTestClient(port: port).request(
            "GET", "/cdn-cgi/handler/scheduled?cron=0+0+*+*+*&time=1700000000000")
        #expect(handler.text == "ok")
        try OutpostStack.waitFor(seconds: 5) { dev.stderr.contains("scheduled run for 0 0 * * * at 1700000000000") }
    }
}
