import Dispatch
import Foundation
import Glibc
import OutpostTestSupport
import OutpostTesting
import Synchronization
import Testing

/// Zero-downtime deploys: replace the executable, SIGHUP, and the new binary's processes take over
/// after they are ready, under load through nginx, without one failed request; a broken new binary
/// leaves the old processes serving.
@Suite(.serialized)
struct DeployTests {
    static var hello: String { OutpostStack.productsDirectory + "/hello" }

    /// Replaces `path` atomically (write beside it, then rename), as a deploy does.
    private func install(_ script: String, at path: String) throws {
        let staging = path + ".new"
        try script.write(toFile: staging, atomically: false, encoding: .utf8)
        chmod(staging, 0o755)
        #expect(rename(staging, path) == 0)
    }

    /// What `/version` answers, ten times in a row.
    private func versions(_ stack: OutpostStack) throws -> Set<String> {
        Set(try (0..<10).map { _ in try stack.request("GET", "/version").text })
    }

    @Test func aNewBinaryTakesOverUnderLoadAndABrokenOneLeavesTheOldServing() throws {
        let directory = try TestDirectory.make(prefix: "outpost-deploy")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let binary = directory + "/hello"
        #expect(copyfile(Self.hello, to: binary))
        let stack = try OutpostStack(
            executable: binary, config: "name = \"deploy\"\n[outpost]\nready_timeout_ms = 3000\n", threads: 4,
            extraArguments: ["--processes", "2"])
        try stack.waitUntilAccepting()
        #expect(try versions(stack) == ["1\n"])
        let run = try WrkRun.run(url: "http://127.0.0.1:\(stack.port)/", seconds: 9) {
            // Version 2: the same program with HELLO_VERSION=2 (what a new build's /version would say).
            try install("#!/bin/sh\nexec env HELLO_VERSION=2 \(Self.hello) \"$@\"\n", at: binary)
            stack.server.signal(SIGHUP)
            try OutpostStack.waitFor(seconds: 20) { stack.server.stderr.contains("reload complete") }
            #expect(try versions(stack) == ["2\n"])
            // A binary that exits at start.
            try install("#!/bin/sh\necho 'broken build' >&2\nexit 3\n", at: binary)
            stack.server.signal(SIGHUP)
            try OutpostStack.waitFor(seconds: 20) { stack.server.stderr.contains("reload abandoned") }
            #expect(stack.server.stderr.contains("exited before it was ready (exit code 3)"))
            #expect(try versions(stack) == ["2\n"])
            // A binary that never gets ready.
            try install("#!/bin/sh\nexec sleep 60\n", at: binary)
            stack.server.signal(SIGHUP)
            try OutpostStack.waitFor(seconds: 20) {
                stack.server.stderr.components(separatedBy: "reload abandoned").count == 3
            }
            #expect(stack.server.stderr.contains("not ready in time"))
            #expect(try versions(stack) == ["2\n"])
        }
        #expect(run.requests > 0)
        #expect(run.non2xx == 0, "\(run.report)")
        #expect(run.socketErrors == 0, "\(run.report)")
    }

    private func copyfile(_ source: String, to destination: String) -> Bool {
        (try? FileManager.default.copyItem(atPath: source, toPath: destination)) != nil
    }
}
