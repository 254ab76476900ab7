import Dispatch
import Foundation
import Glibc
import OutpostTestSupport
import OutpostTesting
import Synchronization
import Testing

/// The `hello` worker served by `serve` behind a real nginx, driven over real HTTP.
@Suite(.serialized)
struct ServeThroughNginxTests {
    static var hello: String { OutpostStack.productsDirectory + "/hello" }

    @Test func getIsAnsweredByTheWorker() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let response = try stack.request("GET", "/")
        #expect(response.status == 200)
        #expect(response.text == "Hello from Outpost!\n")
        #expect(response.header("content-type") == "text/plain;charset=UTF-8")
    }

    @Test func headSendsNoBody() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let client = try stack.client()
        let head = try client.request("HEAD", "/")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        // The connection is still usable: no stray body bytes were sent.
        #expect(try client.request("GET", "/").text == "Hello from Outpost!\n")
    }

    @Test func requestIsRebuiltFromTheParams() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let response = try stack.request(
            "GET", "/request?x=1&y=a%20b",
            headers: [("X-Dup", "one"), ("X-Dup", "two"), ("Cookie", "a=1"), ("Cookie", "b=2")])
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as! [String: Any]
        #expect(json["method"] as? String == "GET")
        #expect(json["url"] as? String == "http://localhost:\(stack.port)/request?x=1&y=a%20b")
        let headers = json["headers"] as! [String: String]
        #expect(headers["x-dup"] == "one, two")
        #expect(headers["cookie"] == "a=1; b=2")
        #expect(headers["cf-connecting-ip"] == "127.0.0.1")
        #expect(headers["host"] == "localhost")
        let cf = json["cf"] as! [String: Any]
        #expect(cf["httpProtocol"] as? String == "HTTP/1.1")
    }

    @Test func postOfOneMebibyteIsEchoed() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let body = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let response = try stack.request(
            "POST", "/echo", headers: [("Content-Type", "application/octet-stream")], body: body)
        #expect(response.status == 200)
        #expect(response.body.count == body.count)
        #expect(response.body == body)
    }

    @Test func urlEncodedFormIsParsed() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let response = try stack.request(
            "POST", "/form", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("name=Ada+L&x=%E2%9C%93".utf8))
        #expect(response.text == #"{"name":"Ada L","x":"✓"}"#)
    }

    @Test func bodyOverTheLimitGets413() throws {
        let stack = try OutpostStack(
            executable: Self.hello, config: "name = \"limits\"\n[outpost]\nmax_body_bytes = 1024\n")
        let small = try stack.request("POST", "/echo", body: [UInt8](repeating: 1, count: 1024))
        #expect(small.status == 200)
        let large = try stack.request("POST", "/echo", body: [UInt8](repeating: 1, count: 4096))
        #expect(large.status == 413)
        #expect(try stack.request("GET", "/").status == 200)
    }

    @Test func streamedResponseArrivesInPieces() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let response = try stack.request("GET", "/stream?chunks=3&delay=400")
        #expect(response.status == 200)
        #expect(response.text == "chunk 0\nchunk 1\nchunk 2\n")
        #expect(response.arrivals.count >= 3)
        let spread = (response.arrivals.last ?? .zero) - (response.arrivals.first ?? .zero)
        #expect(spread >= .milliseconds(700), "chunks arrived within \(spread): the stream was buffered")
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let client = try stack.client()
        for _ in 0..<5 {
            let response = try client.request("GET", "/")
            #expect(response.status == 200)
            #expect(response.header("connection")?.lowercased() != "close")
        }
    }

    /// The statuses `clients` concurrent keep-alive clients got for `requestsEach` requests each (-1: no answer).
    private static func statuses(port: Int, clients: Int, requestsEach: Int) -> [Int] {
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: clients) { _ in
            guard let client = try? HTTPTestClient(port: port) else { return }
            for _ in 0..<requestsEach {
                let status = (try? client.request("GET", "/").status) ?? -1
                statuses.withLock { $0.append(status) }
            }
        }
        return statuses.withLock { $0 }
    }

    @Test func keepConnWithEnoughThreadsServesManyRequestsQuickly() throws {
        // fastcgi_keep_conn on with an upstream keepalive pool of 8 connections per process.
        let stack = try OutpostStack(executable: Self.hello, threads: 16, keepAliveConnections: 8)
        let started = ContinuousClock.now
        let all = Self.statuses(port: stack.port, clients: 8, requestsEach: 25)
        #expect(all.count == 200)
        #expect(all.allSatisfy { $0 == 200 })
        #expect(ContinuousClock.now - started < .seconds(10), "requests stalled on pinned connections")
    }

    @Test func keepConnServesManyMoreConnectionsThanThreads() throws {
        // 32 kept connections per process, 2 accept and 2 serving threads: an idle kept connection
        // holds no thread, so nginx's 32 connections are all answered, none waits for a pinned thread.
        let stack = try OutpostStack(executable: Self.hello, threads: 2, keepAliveConnections: 32)
        let started = ContinuousClock.now
        let all = Self.statuses(port: stack.port, clients: 32, requestsEach: 10)
        #expect(all.count == 320)
        #expect(all.allSatisfy { $0 == 200 }, "statuses: \(Dictionary(grouping: all, by: { $0 }).mapValues(\.count))")
        #expect(ContinuousClock.now - started < .seconds(10), "requests stalled on pinned connections")
    }

    @Test func twoHundredConcurrentRequestsAreAllAnswered() throws {
        let stack = try OutpostStack(executable: Self.hello, threads: 4)
        let statuses = Mutex<[Int]>([])
        let port = stack.port
        DispatchQueue.concurrentPerform(iterations: 200) { _ in
            let status = (try? HTTPTestClient(port: port).request("GET", "/").status) ?? -1
            statuses.withLock { $0.append(status) }
        }
        let all = statuses.withLock { $0 }
        #expect(all.count == 200)
        #expect(all.allSatisfy { $0 == 200 }, "statuses: \(Dictionary(grouping: all, by: { $0 }).mapValues(\.count))")
    }

    @Test func setCookieIsSentTwice() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let response = try stack.request("GET", "/cookies")
        #expect(
            response.values("set-cookie") == [
                "a=1; Path=/; HttpOnly; SameSite=Lax", "b=2; Path=/; HttpOnly; SameSite=Lax",
            ])
    }

    @Test func uncaughtErrorGivesASafe500InServe() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let response = try stack.request("GET", "/throw")
        #expect(response.status == 500)
        #expect(!response.text.contains("demonstration"))
        try OutpostStack.waitFor(seconds: 5) { stack.server.stderr.contains("demonstration error") }
    }

    @Test func headerWithCRLFIsRefused() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let response = try stack.request("GET", "/bad-header")
        #expect(response.status == 500)
        #expect(response.values("set-cookie").isEmpty)
        #expect(response.header("x-injected") == nil)
    }

    @Test func unixSocketLetsOnlyOwnerAndGroupConnect() throws {
        let stack = try OutpostStack(executable: Self.hello)
        var info = stat()
        #expect(stat(stack.socketPath, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
    }

    @Test func sigtermLetsTheSlowRequestFinishAndExitsZero() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let port = stack.port
        let result = Mutex<HTTPTestResponse?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            result.withLock { $0 = try? HTTPTestClient(port: port).request("GET", "/slow?ms=1500") }
            done.signal()
        }
        usleep(400_000)
        stack.server.signal(SIGTERM)
        #expect(done.wait(timeout: .now() + 10) == .success)
        let response = result.withLock { $0 }
        #expect(response?.status == 200)
        #expect(response?.text == "slow done\n")
        #expect(stack.server.waitForExit(seconds: 10) == 0)
        #expect(!FileManager.default.fileExists(atPath: stack.socketPath), "socket file left behind")
    }

    @Test func sigtermWaitsForWaitUntilWork() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let response = try stack.request("GET", "/wait-until?ms=1200")
        #expect(response.text == "scheduled background work\n")
        stack.server.signal(SIGTERM)
        #expect(stack.server.waitForExit(seconds: 10) == 0)
        #expect(stack.server.stderr.contains("waitUntil task finished after 1200 ms"))
    }

    @Test func waitUntilWorkFinishesWithoutWaitingForAnotherRequest() throws {
        let stack = try OutpostStack(executable: Self.hello, threads: 1)
        #expect(try stack.request("GET", "/wait-until?ms=100").status == 200)
        try OutpostStack.waitFor(seconds: 5) { stack.server.stderr.contains("waitUntil task finished after 100 ms") }
    }

    @Test func aWorkerProcessWhoseSupervisorIsKilledExitsByItself() throws {
        let stack = try OutpostStack(executable: Self.hello, extraArguments: ["--processes", "1"])
        #expect(try stack.request("GET", "/").status == 200)
        try stack.waitUntilAccepting()
        let supervisor = stack.server.pid
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(supervisor)/task")
        let workers = tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(supervisor)/task/\(task)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { Int32($0) }
        }
        // One active worker process and its ready spare.
        #expect(workers.count == 2)
        stack.server.signal(SIGKILL)
        _ = stack.server.waitForExit(seconds: 10)
        for worker in workers {
            try OutpostStack.waitFor(seconds: 10) { kill(worker, 0) != 0 }
        }
    }

    @Test func craftedParamsRecordDoesNotTakeTheServiceDown() throws {
        let stack = try OutpostStack(executable: Self.hello)
        #expect(try stack.request("GET", "/").status == 200)
        try FastCGIRawClient.send(FastCGIRawClient.craftedParams, toSocket: stack.socketPath)
        try OutpostStack.waitFor(seconds: 10) { stack.server.stderr.contains("restarting") }
        let after = try stack.request("GET", "/")
        #expect(after.status == 200)
        #expect(after.text == "Hello from Outpost!\n")
    }

    @Test func randomBytesOnTheSocketDoNotTakeTheServiceDown() throws {
        let stack = try OutpostStack(executable: Self.hello)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let garbage = (0..<Int.random(in: 1...4096, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            try FastCGIRawClient.send(garbage, toSocket: stack.socketPath, waitMs: 50)
        }
        for _ in 0..<10 {
            #expect(try stack.request("GET", "/").status == 200)
        }
    }
}
