import Foundation
import Glibc
import OutpostTestSupport
import OutpostTesting
import Testing

/// `dev`: a private nginx and the worker on a loopback port, error details shown.
@Suite(.serialized)
struct DevCommandTests {
    @Test func devServesThroughItsOwnNginxAndStopsOnCtrlC() throws {
        let directory = try TestDirectory.make(prefix: "outpost-dev")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "name = \"dev-test\"\n".write(toFile: directory + "/wrangler-like.toml", atomically: true, encoding: .utf8)
        let port = try FreePort.find()
        let dev = try TestProcess(
            executable: OutpostStack.productsDirectory + "/hello", arguments: ["dev", "--port", String(port)],
            directory: directory, name: "dev")
        try OutpostStack.waitFor { dev.stdout.contains("ready on http://127.0.0.1:\(port)") }
        try OutpostStack.waitFor { (try? HTTPTestClient(port: port, timeoutSeconds: 2)) != nil }
        #expect(try HTTPTestClient(port: port).request("GET", "/").text == "Hello from Outpost!\n")
        let failure = try HTTPTestClient(port: port).request("GET", "/throw")
        #expect(failure.status == 500)
        #expect(failure.text.contains("a demonstration error thrown by /throw"))
        #expect(FileManager.default.fileExists(atPath: directory + "/.outpost/state/nginx/nginx.conf"))
        dev.signal(SIGINT)
        #expect(dev.waitForExit(seconds: 15) == 0)
        #expect((try? HTTPTestClient(port: port, timeoutSeconds: 1)) == nil, "nginx still listening after dev stopped")
    }
}
