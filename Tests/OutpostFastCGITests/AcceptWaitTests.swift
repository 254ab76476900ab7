import Foundation
import Glibc
import Logging
import Outpost
import OutpostFastCGI
import OutpostTestSupport
import Testing

/// Idle accept threads wait inside accept() on a blocking listen socket (with a receive timeout, so a
/// stop is seen without a signal).
struct AcceptWaitTests {
    /// A process of an older build, sharing the socket, may set O_NONBLOCK on it again. An idle thread
    /// then finds accept() failing at once: it makes the socket block again instead of spinning, and
    /// goes on answering.
    @Test func aListenSocketMadeNonBlockingByAnotherProcessIsMadeToBlockAgain() throws {
        let directory = try TestDirectory.make(prefix: "outpost-acceptwait")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/s.sock"
        let listenFD = try ListenSocket.open(.unix(path: path))
        defer { close(listenFD) }
        let server = FastCGIServer(
            listenFD: listenFD, options: FastCGIServerOptions(threads: 1), logger: Logger(label: "test")
        ) { _ in .text("answered") }
        let finished = server.runInBackground()
        defer {
            server.stop()
            _ = finished.wait(timeout: .now() + 5)
        }
        // Answered once: the server runs, its thread is back in accept().
        #expect(
            String(
                decoding: try FastCGIRawClient.send(FastCGIRawClient.request("GET", "/"), toSocket: path, waitMs: 3000),
                as: UTF8.self
            ).contains("answered"))
        _ = fcntl(listenFD, F_SETFL, fcntl(listenFD, F_GETFL) | O_NONBLOCK)
        try OutpostStack.waitFor(seconds: 5) { fcntl(listenFD, F_GETFL) & O_NONBLOCK == 0 }
        let answer = String(
            decoding: try FastCGIRawClient.send(FastCGIRawClient.request("GET", "/"), toSocket: path, waitMs: 3000),
            as: UTF8.self)
        #expect(answer.contains("answered"), "answer: \(answer.debugDescription)")
    }

    /// An idle thread leaves soon after the stop though nothing wakes it: its accept() gives up within
    /// the accept wait.
    @Test func idleThreadsLeaveAfterAStopWithoutAConnection() throws {
        let directory = try TestDirectory.make(prefix: "outpost-acceptwait")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let listenFD = try ListenSocket.open(.unix(path: directory + "/s.sock"))
        defer { close(listenFD) }
        let server = FastCGIServer(
            listenFD: listenFD, options: FastCGIServerOptions(threads: 4), logger: Logger(label: "test")
        ) { _ in .text("answered") }
        let finished = server.runInBackground()
        usleep(200_000)  // every thread is inside accept() by now
        server.stop()
        #expect(finished.wait(timeout: .now() + 3) == .success, "the threads saw the stop")
    }
}
