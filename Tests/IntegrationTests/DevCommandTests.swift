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

    @Test func onATerminalXQuitsDevAndTheTerminalIsRestored() throws {
        let directory = try TestDirectory.make(prefix: "outpost-dev")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "name = \"dev-keys\"\n".write(toFile: directory + "/wrangler-like.toml", atomically: true, encoding: .utf8)
        let pair = try PseudoTerminal()
        defer { pair.close() }
        let port = try FreePort.find()
        let dev = try TestProcess(
            executable: OutpostStack.productsDirectory + "/hello", arguments: ["dev", "--port", String(port)],
            directory: directory, name: "dev",
            standardInput: FileHandle(fileDescriptor: pair.terminal, closeOnDealloc: false))
        try OutpostStack.waitFor { dev.stdout.contains("[b] open a browser, [c] clear console, [x] to exit") }
        #expect(dev.stdout.components(separatedBy: "[x] to exit").count == 2, "the key help is printed once")
        var mode = termios()
        tcgetattr(pair.terminal, &mode)
        #expect(mode.c_lflag & tcflag_t(ICANON) == 0, "keys are read one by one")
        pair.type("c")
        try OutpostStack.waitFor { dev.stdout.contains("\u{1B}[2J") }
        pair.type("x")
        #expect(dev.waitForExit(seconds: 15) == 0)
        tcgetattr(pair.terminal, &mode)
        #expect(mode.c_lflag & tcflag_t(ICANON) != 0, "the terminal's mode is restored")
        #expect(mode.c_lflag & tcflag_t(ECHO) != 0)
        #expect((try? HTTPTestClient(port: port, timeoutSeconds: 1)) == nil, "nginx still listening after x")
    }

    @Test func killingDevWithSIGKILLTakesItsNginxDown() throws {
        let directory = try TestDirectory.make(prefix: "outpost-dev")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "name = \"dev-kill\"\n".write(toFile: directory + "/wrangler-like.toml", atomically: true, encoding: .utf8)
        let port = try FreePort.find()
        let dev = try TestProcess(
            executable: OutpostStack.productsDirectory + "/hello", arguments: ["dev", "--port", String(port)],
            directory: directory, name: "dev")
        try OutpostStack.waitFor { dev.stdout.contains("ready on") }
        try OutpostStack.waitFor { (try? HTTPTestClient(port: port, timeoutSeconds: 2)) != nil }
        let children = ProcessTree.children(of: dev.pid)
        #expect(!children.isEmpty)
        dev.signal(SIGKILL)
        _ = dev.waitForExit(seconds: 10)
        try OutpostStack.waitFor(seconds: 10) { (try? HTTPTestClient(port: port, timeoutSeconds: 1)) == nil }
        for child in children {
            try OutpostStack.waitFor(seconds: 10) { !ProcessTree.isAlive(child) }
        }
    }

    @Test func devExitsNonZeroWhenItsNginxCannotStart() throws {
        let directory = try TestDirectory.make(prefix: "outpost-dev")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "name = \"dev-busy\"\n".write(toFile: directory + "/wrangler-like.toml", atomically: true, encoding: .utf8)
        // The port is taken: nginx cannot bind it.
        let busy = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(busy) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(busy, $0, length) == 0 && listen(busy, 8) == 0 && getsockname(busy, $0, &length) == 0
            }
        }
        #expect(listening)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let dev = try TestProcess(
            executable: OutpostStack.productsDirectory + "/hello", arguments: ["dev", "--port", String(port)],
            directory: directory, name: "dev")
        let code = dev.waitForExit(seconds: 30)
        #expect(code != nil && code != 0, "dev exited \(String(describing: code))")
    }
}
