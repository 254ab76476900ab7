import Foundation
import Glibc
import OutpostTestSupport
import OutpostTesting
import Testing

/// KV through the real stack: the worker behind nginx and the `kv` commands share the same files.
@Suite(.serialized)
struct KVThroughNginxTests {
    static var hello: String { OutpostStack.productsDirectory + "/hello" }
    static let config = """
        name = "kv-test"
        [[kv_namespaces]]
        binding = "KV"
        id = "counter-ns"
        """

    private func kv(_ stack: OutpostStack, _ arguments: [String]) throws -> (code: Int32?, out: String, err: String) {
        let result = try stack.command(["kv"] + arguments)
        return (result.code, result.stdout, result.stderr)
    }

    @Test func theCLIAndTheRunningWorkerSeeEachOthersWritesAtOnce() throws {
        let stack = try OutpostStack(executable: Self.hello, config: Self.config)
        #expect(try stack.request("POST", "/counter").text == "1\n")
        #expect(try kv(stack, ["key", "get", "counter", "--binding", "KV"]).out == "1")
        #expect(try kv(stack, ["key", "put", "counter", "41", "--binding", "KV"]).code == 0)
        #expect(try stack.request("POST", "/counter").text == "42\n")
        #expect(FileManager.default.fileExists(atPath: stack.directory + "/state/kv/counter-ns.sqlite"))
    }

    @Test func anAcknowledgedPutSurvivesKillMinus9OfTheWorkerProcess() throws {
        let stack = try OutpostStack(executable: Self.hello, config: Self.config)
        for expected in 1...3 {
            #expect(try stack.request("POST", "/counter").text == "\(expected)\n")
        }
        // Kill every process of the service without warning: the supervisor and its worker.
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(stack.server.pid)/task")
        let workers = tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(stack.server.pid)/task/\(task)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { Int32($0) }
        }
        #expect(!workers.isEmpty)
        for pid in workers { kill(pid, SIGKILL) }
        stack.server.signal(SIGKILL)
        _ = stack.server.waitForExit(seconds: 10)
        #expect(try kv(stack, ["key", "get", "counter", "--binding", "KV"]).out == "3")
    }
}
