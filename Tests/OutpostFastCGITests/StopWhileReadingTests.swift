import Foundation
import Glibc
import Logging
import Outpost
import OutpostFastCGI
import OutpostTestSupport
import Testing

/// A stop never costs a connection the process already accepted: a thread that took it and waits
/// for its records (libfcgi's first-byte wait, the params) answers it, however the stop wakes the
/// idle threads. (The wake signal used to interrupt that wait, and libfcgi closed the connection
/// unanswered: a reload under load now and then failed one request with a 502.)
struct StopWhileReadingTests {
    @Test(arguments: [false, true])
    func aConnectionAcceptedBeforeTheStopIsAnsweredWhenItsRecordsComeLater(answeringQueued: Bool) throws {
        let directory = try TestDirectory.make(prefix: "outpost-stop")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/s.sock"
        let listenFD = try ListenSocket.open(.unix(path: path))
        defer { close(listenFD) }
        let server = FastCGIServer(
            listenFD: listenFD, options: FastCGIServerOptions(threads: 2), logger: Logger(label: "test")
        ) { _ in .text("answered") }
        let finished = server.runInBackground()
        let connection = try FastCGIRawClient.connect(toSocket: path)
        // Until a thread accepts it, the connection sits in the queue (which a stop may leave).
        try OutpostStack.waitFor(seconds: 5) {
            var poller = pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0)
            return poll(&poller, 1, 0) == 0
        }
        server.stop(answeringQueued: answeringQueued)
        usleep(100_000)  // time for the stop to reach every idle thread (well inside libfcgi’s 2 s first-byte wait)
        FastCGIRawClient.write(FastCGIRawClient.request("GET", "/"), to: connection)
        let answer = String(decoding: FastCGIRawClient.readAll(connection, waitMs: 3000), as: UTF8.self)
        close(connection)  // libfcgi's lingering close waits for it
        #expect(answer.contains("answered"), "answer: \(answer.debugDescription)")
        #expect(finished.wait(timeout: .now() + 5) == .success, "the stop finishes once it is answered")
    }
}
