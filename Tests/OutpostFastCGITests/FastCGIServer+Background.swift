import Foundation
import Glibc
import Logging
import Outpost
import OutpostFastCGI
import OutpostTestSupport

extension FastCGIServer {
    /// Runs the server on a thread of its own; the semaphore is signalled once `run()` has returned.
    func runInBackground() -> DispatchSemaphore {
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            self.run()
            finished.signal()
        }
        return finished
    }
}

/// A server of `threads` threads answering "answered METHOD, N bytes" (after `delay`), on a socket in
/// a new directory (or on a loopback TCP port, `tcpPort`), run in the background until `stop()`; with
/// `keptConnections`, a pool of that many kept connections.
final class BackgroundServer {
    let directory: String
    let path: String
    let listenFD: Int32
    let server: FastCGIServer
    private let finished: DispatchSemaphore
    private var hasFinished = false

    init(
        threads: Int = 1, maxBodyBytes: Int = 1 << 20, keptConnections: Int = 0, delay: Duration = .zero,
        tcpPort: Int? = nil
    ) throws {
        directory = try TestDirectory.make(prefix: "outpost-fcgi")
        path = directory + "/s.sock"
        listenFD = try ListenSocket.open(tcpPort.map { .tcp(host: "127.0.0.1", port: $0) } ?? .unix(path: path))
        var options = FastCGIServerOptions(threads: threads)
        options.maxBodyBytes = maxBodyBytes
        options.keptConnections = keptConnections
        server = FastCGIServer(listenFD: listenFD, options: options, logger: Logger(label: "test")) { request in
            if delay > .zero { try? await Task.sleep(for: delay) }
            let body = (try? await request.bytes()) ?? []
            return .text("answered \(request.method), \(body.count) bytes")
        }
        finished = server.runInBackground()
    }

    /// Stops the server, waits up to `seconds` for `run()` to return, and removes the directory (once);
    /// whether `run()` returned.
    @discardableResult
    func stop(waitingSeconds seconds: Int = 5) -> Bool {
        guard !hasFinished else { return true }
        server.stop()
        hasFinished = finished.wait(timeout: .now() + .seconds(seconds)) == .success
        close(listenFD)
        try? FileManager.default.removeItem(atPath: directory)
        return hasFinished
    }
}
