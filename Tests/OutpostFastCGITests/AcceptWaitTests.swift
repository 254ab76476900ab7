import Foundation
import Glibc
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
        let served = try BackgroundServer()
        defer { served.stop() }
        let request = FastCGIRawClient.request("GET", "/")
        // Answered once: the server runs, its thread is back in accept().
        let first = try FastCGIRawClient.send(request, toSocket: served.path, waitMs: 3000)
        #expect(String(decoding: first, as: UTF8.self).contains("answered"))
        _ = fcntl(served.listenFD, F_SETFL, fcntl(served.listenFD, F_GETFL) | O_NONBLOCK)
        try OutpostStack.waitFor(seconds: 5) { fcntl(served.listenFD, F_GETFL) & O_NONBLOCK == 0 }
        let answer = String(
            decoding: try FastCGIRawClient.send(request, toSocket: served.path, waitMs: 3000), as: UTF8.self)
        #expect(answer.contains("answered"), "answer: \(answer.debugDescription)")
    }

    /// An idle thread leaves soon after the stop though nothing wakes it: its accept() gives up within
    /// the accept wait.
    @Test func idleThreadsLeaveAfterAStopWithoutAConnection() throws {
        let served = try BackgroundServer(threads: 4)
        defer { served.stop() }
        usleep(200_000)  // every thread is inside accept() by now
        #expect(served.stop(waitingSeconds: 3), "the threads saw the stop")
    }
}
