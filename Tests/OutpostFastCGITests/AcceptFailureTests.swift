import Foundation
import Glibc
import Logging
import Outpost
import OutpostFastCGI
import Testing

/// A listen socket whose `accept()` keeps failing costs backed-off retries, not a spinning core.
struct AcceptFailureTests {
    @Test func aFailingAcceptBacksOffInsteadOfSpinning() throws {
        // A socket that is not listening: every accept() fails with EINVAL.
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        let server = FastCGIServer(
            listenFD: fd, options: FastCGIServerOptions(threads: 2), logger: Logger(label: "test")
        ) { _ in .text("unreachable") }
        let finished = server.runInBackground()
        usleep(600_000)
        server.stop()
        #expect(finished.wait(timeout: .now() + 5) == .success, "a stop ends threads that are backing off")
        let failures = server.stats.acceptFailures
        #expect(failures >= 2, "the failures are counted")
        // Two threads for 0.6 s: 10, 20, 40, 80, 160, 320 ms waits → about 6 each; a spinning loop
        // would make hundreds of thousands.
        #expect(failures < 100, "\(failures) accept() calls in 0.6 s")
    }
}
