import Foundation
import Glibc
import OutpostFastCGI
import OutpostTestSupport
import Testing

/// With nginx's `fastcgi_keep_conn on`, the connections it keeps wait in one pool between requests
/// (`kept_connections`), and whichever thread is free serves the next request on any of them.
struct KeptConnectionPoolTests {
    private static let keep = FastCGIRawClient.request("GET", "/", keepingConnection: true)

    /// The types of the whole FastCGI records in `bytes`, in order.
    private func recordTypes(_ bytes: [UInt8]) -> [UInt8] {
        var types: [UInt8] = []
        var start = 0
        while start + 8 <= bytes.count {
            types.append(bytes[start + 1])
            start += 8 + (Int(bytes[start + 4]) << 8 | Int(bytes[start + 5])) + Int(bytes[start + 6])
        }
        return types
    }

    /// Whether the server closes `fd` (its end of the stream, with nothing more to read) within 3 s.
    private func closedByTheServer(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 3000) == 1 && read(fd, &byte, 1) == 0
    }

    /// Opens a connection, sends a kept request on it and returns it with the answer.
    private func keptConnection(to served: BackgroundServer) throws -> (fd: Int32, answer: String?) {
        let fd = try FastCGIRawClient.connect(toSocket: served.path)
        FastCGIRawClient.write(Self.keep, to: fd)
        return (fd, FastCGIRawClient.readResponse(fd, waitMs: 3000))
    }

    /// One accept thread and one serving thread answer three kept connections in any order: none
    /// holds a thread while it is idle. (Without the pool, the one thread waits on the first
    /// connection, and the second is never answered.)
    @Test func idleKeptConnectionsHoldNoThread() throws {
        let served = try BackgroundServer(threads: 1, keptConnections: 4)
        defer { served.stop() }
        var connections: [Int32] = []
        defer { connections.forEach { close($0) } }
        for _ in 0..<3 {
            let (fd, answer) = try keptConnection(to: served)
            connections.append(fd)
            #expect(answer?.contains("answered GET") == true, "first answer: \(String(describing: answer))")
        }
        for fd in connections.reversed() + connections {
            FastCGIRawClient.write(Self.keep, to: fd)
            let answer = FastCGIRawClient.readResponse(fd, waitMs: 3000)
            #expect(answer?.contains("answered GET") == true, "kept answer: \(String(describing: answer))")
        }
    }

    /// A connection past the pool's capacity stays with the accept thread that answered it, as
    /// without a pool: it is still served.
    @Test func aConnectionPastTheCapacityKeepsItsThread() throws {
        let served = try BackgroundServer(threads: 2, keptConnections: 1)
        defer { served.stop() }
        let pooled = try keptConnection(to: served)
        defer { close(pooled.fd) }
        let held = try keptConnection(to: served)
        defer { close(held.fd) }
        #expect(pooled.answer?.contains("answered GET") == true)
        #expect(held.answer?.contains("answered GET") == true)
        for fd in [held.fd, pooled.fd, held.fd] {
            FastCGIRawClient.write(Self.keep, to: fd)
            #expect(FastCGIRawClient.readResponse(fd, waitMs: 3000)?.contains("answered GET") == true)
        }
    }

    /// A kept connection nginx closes leaves the pool: its place goes to the next connection. (Were
    /// the place still taken, the next connection would stay with the one accept thread, and the
    /// one after it would never be answered.)
    @Test func aClosedConnectionGivesUpItsPlace() throws {
        let served = try BackgroundServer(threads: 1, keptConnections: 1)
        defer { served.stop() }
        let first = try keptConnection(to: served)
        #expect(first.answer?.contains("answered GET") == true)
        // The thread parks the connection just after writing the answer.
        try OutpostStack.waitFor(seconds: 3) { served.server.stats.keptConnections == 1 }
        close(first.fd)
        try OutpostStack.waitFor(seconds: 3) { served.server.stats.keptConnections == 0 }
        let second = try keptConnection(to: served)
        defer { close(second.fd) }
        #expect(second.answer?.contains("answered GET") == true)
        let third = try keptConnection(to: served)
        defer { close(third.fd) }
        #expect(third.answer?.contains("answered GET") == true, "the closed connection kept its place")
    }

    /// A connection nginx does not keep (no FCGI_KEEP_CONN) is closed after its answer, pool or not.
    @Test func aConnectionThatIsNotKeptIsClosedAfterItsAnswer() throws {
        let served = try BackgroundServer(threads: 1, keptConnections: 4)
        defer { served.stop() }
        let request = FastCGIRawClient.request("GET", "/")
        let answer = try FastCGIRawClient.send(request, toSocket: served.path, waitMs: 3000)
        #expect(String(decoding: answer, as: UTF8.self).contains("answered GET"))
    }

    /// For a moment after the stop (`keptDrainMs`), a request on a kept connection is still answered,
    /// and the connection is closed after its answer. A record follows END_REQUEST in the same
    /// answer, so nginx, which keeps a connection only when END_REQUEST is the last thing it read,
    /// closes it too instead of sending on it a request that would meet the close. In the pool and on
    /// an accept thread (`kept_connections = 0`).
    @Test(arguments: [4, 0])
    func aRequestJustAfterTheStopIsAnsweredThenItsConnectionClosed(keptConnections: Int) throws {
        let served = try BackgroundServer(threads: 1, keptConnections: keptConnections)
        let kept = try keptConnection(to: served)
        defer { close(kept.fd) }
        #expect(kept.answer?.contains("answered GET") == true)
        served.server.stop()
        Thread.sleep(forTimeInterval: 0.2)
        FastCGIRawClient.write(Self.keep, to: kept.fd)
        let raw = FastCGIRawClient.readAll(kept.fd, waitMs: 3000)
        let answer = String(decoding: raw, as: UTF8.self)
        #expect(answer.contains("answered GET"), "answer after the stop: \(answer.debugDescription)")
        #expect(recordTypes(raw).suffix(2) == [3, 11], "END_REQUEST, then FCGI_UNKNOWN_TYPE: \(recordTypes(raw))")
        #expect(closedByTheServer(kept.fd), "closed after the answer")
        #expect(served.stop(), "run() did not return after the stop")
    }

    /// The stop lets a request on a pooled connection finish and be answered, closes the idle pooled
    /// connections (nginx opens new ones elsewhere), and `run()` returns.
    @Test func theStopAnswersTheRequestInFlightAndClosesTheIdleConnections() throws {
        let served = try BackgroundServer(threads: 1, keptConnections: 4, delay: .milliseconds(300))
        let busy = try keptConnection(to: served)
        defer { close(busy.fd) }
        let idle = try keptConnection(to: served)
        defer { close(idle.fd) }
        #expect(busy.answer != nil && idle.answer != nil)
        FastCGIRawClient.write(Self.keep, to: busy.fd)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(served.stop(), "run() did not return after the stop")
        #expect(FastCGIRawClient.readResponse(busy.fd, waitMs: 3000)?.contains("answered GET") == true)
        #expect(closedByTheServer(idle.fd), "the idle connection was not closed")
    }
}
