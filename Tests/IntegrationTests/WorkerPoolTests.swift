import Dispatch
import Foundation
import Glibc
import OutpostTestSupport
import OutpostTesting
import Synchronization
import Testing

/// `serve`'s pool of worker processes behind a real nginx: crashes, reloads, deploys and stops that
/// fail no request beyond the crashed process's own.
@Suite(.serialized)
struct WorkerPoolTests {
    static var hello: String { OutpostStack.productsDirectory + "/hello" }
    static let statusConfig = "name = \"pool\"\n[outpost]\nstatus_path = \"/outpost-status\"\n"

    /// The pid of a worker process that answers requests (from the status page it serves).
    private func answeringPID(_ stack: OutpostStack) throws -> Int32 {
        let json =
            try JSONSerialization.jsonObject(with: Data(try stack.request("GET", "/outpost-status?json").body))
            as! [String: Any]
        return Int32(json["pid"] as! Double)
    }

    @Test func reloadUnderLoadFailsNoRequestAndReplacesEveryProcess() throws {
        let stack = try OutpostStack(
            executable: Self.hello, config: Self.statusConfig, threads: 4, extraArguments: ["--processes", "2"])
        try stack.waitUntilAccepting()
        let before = ProcessTree.children(of: stack.server.pid)
        #expect(before.count == 3, "2 active + 1 spare: \(before)")
        try expectEveryRequestAnswered(loadThroughTwoReloads(stack))
        try OutpostStack.waitFor(seconds: 20) {
            stack.server.stderr.components(separatedBy: "reload complete").count == 3
        }
        try OutpostStack.waitFor(seconds: 10) { ProcessTree.children(of: stack.server.pid).count == 3 }
        let after = ProcessTree.children(of: stack.server.pid)
        #expect(Set(after).isDisjoint(with: before), "every old process was replaced: \(before) → \(after)")
        for _ in 0..<10 { #expect(try stack.request("GET", "/").status == 200) }
    }

    /// With keep-conn, a reload drains and closes the old processes' kept connections: POSTs, which
    /// nginx does not retry once sent, must still all be answered.
    @Test func reloadUnderKeepConnLosesNoPost() throws {
        let stack = try OutpostStack(
            executable: Self.hello, config: Self.statusConfig, threads: 4, keepAliveConnections: 32,
            extraArguments: ["--processes", "2"])
        try stack.waitUntilAccepting()
        let script = stack.directory + "/post.lua"
        try "wrk.method = \"POST\"\nwrk.body = \"payload\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        let run = try loadThroughTwoReloads(stack, path: "/echo", connections: 32, script: script)
        let nginxLog = (try? String(contentsOfFile: stack.directory + "/nginx/error.log", encoding: .utf8)) ?? ""
        expectEveryRequestAnswered(run, nginxLog: nginxLog)
    }

    /// 6 s of wrk on `path`, with a reload after 1 s and another once it completed.
    private func loadThroughTwoReloads(
        _ stack: OutpostStack, path: String = "/", connections: Int = 16, script: String? = nil
    ) throws -> WrkRun {
        try WrkRun.run(
            url: "http://127.0.0.1:\(stack.port)\(path)", seconds: 6, connections: connections, script: script
        ) {
            sleep(1)
            stack.server.signal(SIGHUP)
            try OutpostStack.waitFor(seconds: 20) { stack.server.stderr.contains("reload complete") }
            stack.server.signal(SIGHUP)
        }
    }

    private func expectEveryRequestAnswered(_ run: WrkRun, nginxLog: String = "") {
        #expect(run.requests > 0)
        #expect(run.non2xx == 0, "\(run.report)\nnginx: \(nginxLog.suffix(1500))")
        #expect(run.socketErrors == 0, "\(run.report)")
    }

    @Test func aKilledWorkerCostsOnlyItsInFlightRequests() throws {
        let threads = 4
        let stack = try OutpostStack(
            executable: Self.hello, config: Self.statusConfig, threads: threads, extraArguments: ["--processes", "2"])
        try stack.waitUntilAccepting()
        let victim = try answeringPID(stack)
        let run = try WrkRun.run(url: "http://127.0.0.1:\(stack.port)/slow?ms=20", seconds: 4, connections: 8) {
            sleep(1)
            kill(victim, SIGKILL)
        }
        #expect(stack.server.stderr.contains("worker process died"))
        #expect(run.requests > 50, "\(run.report)")
        #expect(run.non2xx <= threads, "only the killed process's in-flight requests may fail: \(run.report)")
        #expect(run.socketErrors == 0, "\(run.report)")
        #expect(try stack.request("GET", "/").status == 200)
        try OutpostStack.waitFor(seconds: 10) { ProcessTree.children(of: stack.server.pid).count == 3 }
    }

    @Test func craftedParamsRecordCostsOnlyOneProcessWhileAnotherConnectionKeepsBeingAnswered() throws {
        let stack = try OutpostStack(executable: Self.hello, threads: 4, extraArguments: ["--processes", "2"])
        try stack.waitUntilAccepting()
        let stop = Atomic<Bool>(false)
        let counts = Mutex<(ok: Int, failed: Int, afterCrash: Int)>((0, 0, 0))
        let crashed = Atomic<Bool>(false)
        let port = stack.port
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var client = try? HTTPTestClient(port: port)
            while !stop.load(ordering: .acquiring) {
                let status = (try? client?.request("GET", "/").status) ?? -1
                let after = crashed.load(ordering: .acquiring)
                counts.withLock {
                    if status == 200 {
                        $0.ok += 1
                        if after { $0.afterCrash += 1 }
                    } else {
                        $0.failed += 1
                    }
                }
                if status != 200 { client = try? HTTPTestClient(port: port) }
            }
            finished.signal()
        }
        try OutpostStack.waitFor { counts.withLock { $0.ok } >= 20 }
        try FastCGIRawClient.send(FastCGIRawClient.craftedParams, toSocket: stack.socketPath)
        try OutpostStack.waitFor(seconds: 10) { stack.server.stderr.contains("worker process died") }
        crashed.store(true, ordering: .releasing)
        try OutpostStack.waitFor(seconds: 10) { counts.withLock { $0.afterCrash } >= 50 }
        stop.store(true, ordering: .releasing)
        finished.wait()
        let result = counts.withLock { $0 }
        // One sequential connection: at most the one request the crashed process had in flight fails.
        #expect(result.failed <= 1, "\(result)")
    }

    @Test func workerProcessesStartingTogetherOnANewStateDirectoryAllStart() throws {
        // The active process and the spare open the same new KV and D1 files at once. One of them used
        // to be refused SQLITE_BUSY switching a file to WAL, exit as if the config were unusable, and
        // take the whole of `serve` down with it (one start in five to eight here).
        let config = """
            name = "fresh"
            [[kv_namespaces]]
            binding = "KV"
            id = "fresh-kv"
            [[d1_databases]]
            binding = "DB"
            database_name = "fresh-db"
            """
        for round in 0..<24 {
            let directory = try TestDirectory.make(prefix: "outpost-fresh")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try config.write(toFile: directory + "/wrangler.toml", atomically: true, encoding: .utf8)
            let serve = try TestProcess(
                executable: Self.hello,
                arguments: [
                    "serve", "--config", directory + "/wrangler.toml", "--persist-to", directory + "/state",
                    "--listen", "unix:" + directory + "/state/outpost.sock", "--threads", "4", "--processes", "1",
                ], directory: directory, name: "serve")
            defer { serve.stop() }
            try OutpostStack.waitFor(seconds: 60) {
                !serve.isRunning
                    || (serve.stderr.contains("worker processes accepting")
                        && ProcessTree.children(of: serve.pid).count == 2)
            }
            #expect(!serve.stderr.contains("cannot start"), "round \(round): \(serve.stderr)")
            #expect(serve.isRunning, "round \(round): serve stopped")
        }
    }

    @Test func extremeIntegersOnEveryHelloRouteAreRefusedWithoutKillingAProcess() throws {
        let stack = try OutpostStack(
            executable: Self.hello,
            config: """
                name = "extremes"
                [[kv_namespaces]]
                binding = "KV"
                id = "extremes-kv"
                [[d1_databases]]
                binding = "DB"
                database_name = "extremes-db"
                [outpost]
                ready_timeout_ms = 60000
                """, threads: 4, extraArguments: ["--processes", "1"])
        // Opening new KV and D1 databases takes seconds when a loaded CI machine's disk is busy.
        try stack.waitUntilAccepting(seconds: 60)
        try OutpostStack.waitFor(seconds: 60) { ProcessTree.children(of: stack.server.pid).count == 2 }
        let workers = ProcessTree.children(of: stack.server.pid)  // the active process and the spare
        let extremes = [
            "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "99999999999999999999",
            "abc", "", "1e3", "0x10", "%00", "-0",
        ]
        let routes = [
            "/stream?chunks=", "/stream?chunks=1&delay=", "/slow?ms=", "/wait-until?ms=", "/d1-read?id=",
        ]
        var logged = false
        for route in routes {
            for value in extremes {
                let response = try stack.request("GET", route + value)
                let refused = [200, 400, 500].contains(response.status)
                #expect(refused, "\(route)\(value) → \(response.status) \(logged ? "" : stack.logs)")
                logged = logged || !refused
            }
        }
        #expect(try stack.request("GET", "/stream?chunks=-1").status == 400)
        #expect(try stack.request("GET", "/slow?ms=9223372036854775807").status == 400)
        // A stored counter at the top of Int does not trap either.
        let put = try stack.command(["kv", "key", "put", "counter", "9223372036854775807", "--binding", "KV"])
        #expect(put.code == 0, "\(put.stderr)")
        #expect(try stack.request("GET", "/counter").status == 200)
        #expect(!stack.server.stderr.contains("worker process died"), "\(stack.server.stderr)")
        #expect(ProcessTree.children(of: stack.server.pid) == workers, "no worker process was replaced")
    }

    @Test func sigtermAnswersTheRequestsAlreadyQueued() throws {
        let stack = try OutpostStack(executable: Self.hello, threads: 1, extraArguments: ["--processes", "1"])
        try stack.waitUntilAccepting()
        let port = stack.port
        let statuses = Mutex<[Int]>([])
        let group = DispatchGroup()
        func send(_ path: String) {
            group.enter()
            Thread.detachNewThread {
                let status = (try? HTTPTestClient(port: port, timeoutSeconds: 20).request("GET", path).status) ?? -1
                statuses.withLock { $0.append(status) }
                group.leave()
            }
        }
        send("/slow?ms=1500")
        usleep(300_000)
        // The one thread is busy: these wait in the listen queue.
        for _ in 0..<12 { send("/slow?ms=10") }
        usleep(500_000)
        stack.server.signal(SIGTERM)
        #expect(group.wait(timeout: .now() + 30) == .success)
        let all = statuses.withLock { $0 }
        #expect(all.count == 13)
        #expect(all.allSatisfy { $0 == 200 }, "statuses: \(all)")
        #expect(stack.server.waitForExit(seconds: 20) == 0)
    }

    @Test func aDrainingServeKeepsANewServeFromStartingOnItsSocket() throws {
        let stack = try OutpostStack(executable: Self.hello, threads: 2, extraArguments: ["--processes", "1"])
        let port = stack.port
        let slow = Mutex<Int?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            slow.withLock { $0 = try? HTTPTestClient(port: port).request("GET", "/slow?ms=2500").status }
            done.signal()
        }
        usleep(400_000)
        stack.server.signal(SIGTERM)
        // The old serve removes its socket file at once (no new connections) but is still draining.
        try OutpostStack.waitFor(seconds: 5) { !FileManager.default.fileExists(atPath: stack.socketPath) }
        let second = try TestProcess(
            executable: Self.hello,
            arguments: [
                "serve", "--config", stack.directory + "/wrangler.toml", "--persist-to", stack.directory + "/state",
                "--listen", "unix:" + stack.socketPath,
            ], directory: stack.directory, name: "second")
        #expect(second.waitForExit(seconds: 20).map { $0 != 0 } == true)
        #expect(second.stderr.contains("owns unix:"), "\(second.stderr)")
        #expect(second.stderr.contains("may still be draining"), "\(second.stderr)")
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(slow.withLock { $0 } == 200)
        #expect(stack.server.waitForExit(seconds: 20) == 0)
        // Once the old one is gone, a new serve starts on the path.
        let third = try TestProcess(
            executable: Self.hello,
            arguments: [
                "serve", "--config", stack.directory + "/wrangler.toml", "--persist-to", stack.directory + "/state",
                "--listen", "unix:" + stack.socketPath, "--processes", "1",
            ], directory: stack.directory, name: "third")
        defer { third.stop() }
        try OutpostStack.waitFor(seconds: 15) { third.stderr.contains("worker processes accepting") }
    }

    @Test func serveRemovesOnlyTheSocketFileItCreated() throws {
        let stack = try OutpostStack(executable: Self.hello, threads: 2, extraArguments: ["--processes", "1"])
        // Someone else's socket now sits at the path (the old file was removed from under serve).
        unlink(stack.socketPath)
        let foreign = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(foreign) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: stack.socketPath.utf8)
            buffer[stack.socketPath.utf8.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(foreign, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        var before = stat()
        #expect(stat(stack.socketPath, &before) == 0)
        stack.server.signal(SIGTERM)
        #expect(stack.server.waitForExit(seconds: 20) == 0)
        var after = stat()
        #expect(stat(stack.socketPath, &after) == 0, "serve removed a socket file it did not create")
        #expect(after.st_ino == before.st_ino)
    }

    @Test func aSpoofedConnectingIPIsOverwrittenUnlessThePeerIsATrustedProxy() throws {
        let stack = try OutpostStack(executable: Self.hello)
        let spoofed = try stack.request("GET", "/request", headers: [("CF-Connecting-IP", "6.6.6.6")])
        let json = try JSONSerialization.jsonObject(with: Data(spoofed.body)) as! [String: Any]
        #expect((json["headers"] as? [String: String])?["cf-connecting-ip"] == "127.0.0.1")
        #expect(json["clientAddress"] as? String == "127.0.0.1")

        let behindProxy = try OutpostStack(
            executable: Self.hello, config: "name = \"proxied\"\n[outpost]\ntrusted_proxies = [\"127.0.0.0/8\"]\n")
        let forwarded = try behindProxy.request("GET", "/request", headers: [("CF-Connecting-IP", "203.0.113.7")])
        let proxied = try JSONSerialization.jsonObject(with: Data(forwarded.body)) as! [String: Any]
        #expect((proxied["headers"] as? [String: String])?["cf-connecting-ip"] == "203.0.113.7")
        #expect(proxied["clientAddress"] as? String == "203.0.113.7")
    }

    @Test func stateDirectoriesAre0700AndStateFiles0600() throws {
        let stack = try OutpostStack(
            executable: Self.hello,
            config: """
                name = "modes"
                [[kv_namespaces]]
                binding = "KV"
                id = "modes-kv"
                [[d1_databases]]
                binding = "DB"
                database_name = "modes-db"
                """)
        #expect(try stack.request("POST", "/counter").status == 200)
        _ = try stack.request("GET", "/d1-read")
        let state = stack.directory + "/state"
        var checked = 0
        for directory in ["kv", "d1"] {
            var info = stat()
            #expect(stat(state + "/" + directory, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o700, "\(directory) is \(String(info.st_mode & 0o777, radix: 8))")
            for file in try FileManager.default.contentsOfDirectory(atPath: state + "/" + directory) {
                #expect(stat(state + "/\(directory)/\(file)", &info) == 0)
                #expect(info.st_mode & 0o777 == 0o600, "\(file) is \(String(info.st_mode & 0o777, radix: 8))")
                checked += 1
            }
        }
        #expect(checked >= 2)
    }

    @Test func aBodyWithoutContentLengthIsCutAtTheLimit() throws {
        let stack = try OutpostStack(
            executable: Self.hello, config: "name = \"limits\"\n[outpost]\nmax_body_bytes = 1024\n")
        let param = FastCGIRawClient.param
        let params = param("REQUEST_METHOD", "POST") + param("REQUEST_URI", "/echo") + param("HTTP_HOST", "x")
        var bytes = FastCGIRawClient.record(type: 1, content: [0, 1, 0, 0, 0, 0, 0, 0])
        bytes += FastCGIRawClient.record(type: 4, content: params) + FastCGIRawClient.record(type: 4, content: [])
        // 64 KiB of body in STDIN records and no end-of-body record: the server must answer anyway.
        for _ in 0..<8 { bytes += FastCGIRawClient.record(type: 5, content: [UInt8](repeating: 0x61, count: 8192)) }
        let answer = String(
            decoding: try FastCGIRawClient.send(bytes, toSocket: stack.socketPath, waitMs: 3000), as: UTF8.self)
        #expect(answer.contains("Status: 413"), "answer: \(answer.prefix(200))")
    }
}

/// The status page's Prometheus text is the pool's, whichever process answers the scrape.
@Suite(.serialized)
struct PoolMetricsTests {
    private func scrape(_ stack: OutpostStack) throws -> String {
        try stack.request("GET", "/outpost-status?prometheus").text
    }

    private func value(_ series: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
    }

    /// The pool's threads, idle and active: accept threads, and as many serving kept connections.
    private func threads(in text: String) -> Double {
        (value(#"outpost_threads{state="idle"}"#, in: text) ?? 0)
            + (value(#"outpost_threads{state="active"}"#, in: text) ?? 0)
    }

    @Test func countersAreSummedOverTheProcessesAndSurviveAReload() throws {
        let stack = try OutpostStack(
            executable: WorkerPoolTests.hello, config: WorkerPoolTests.statusConfig, threads: 3,
            extraArguments: ["--processes", "2"])
        try stack.waitUntilAccepting()
        var answering: Set<Int> = []
        for _ in 0..<40 {
            #expect(try stack.request("GET", "/").status == 200)
            let json = try JSONSerialization.jsonObject(
                with: Data(try stack.request("GET", "/outpost-status?json").body))
            answering.insert(Int((json as? [String: Any])?["pid"] as? Double ?? 0))
        }
        try #require(answering.count == 2, "both processes answered: \(answering)")
        let served = #"outpost_requests_total{class="2xx"}"#
        // Each process publishes its figures within a second; then every scrape, whichever process
        // answers it, counts all 40 requests and both processes' threads.
        try OutpostStack.waitFor(seconds: 10) { (try? value(served, in: scrape(stack))) == 40 }
        for _ in 0..<8 {
            let text = try scrape(stack)
            #expect(value(served, in: text) == 40)
            #expect(threads(in: text) == 12, "(3 accept + 3 serving kept connections) × 2 processes")
        }
        // A reload replaces both processes; what they counted stays in the pool's totals.
        stack.server.signal(SIGHUP)
        try OutpostStack.waitFor(seconds: 20) { stack.server.stderr.contains("reload complete") }
        for _ in 0..<10 { #expect(try stack.request("GET", "/").status == 200) }
        try OutpostStack.waitFor(seconds: 10) { (try? value(served, in: scrape(stack))) == 50 }
        for _ in 0..<4 {
            let text = try scrape(stack)
            #expect(value(served, in: text) == 50)
            #expect(threads(in: text) == 12, "only the live processes' threads")
        }
        // The replaced processes' files are folded into the pool's retired totals by a scrape.
        let metrics = stack.directory + "/state/metrics"
        let processFiles = {
            ((try? FileManager.default.subpathsOfDirectory(atPath: metrics)) ?? []).filter {
                $0.hasSuffix(".prom") && !$0.hasSuffix("retired.prom")
            }
        }
        try OutpostStack.waitFor(seconds: 10) {
            _ = try? scrape(stack); return processFiles().count == 2
        }
        #expect(value(served, in: try scrape(stack)) == 50)
        var info = stat()
        #expect(stat(metrics, &info) == 0 && info.st_mode & 0o777 == 0o700)
    }
}
