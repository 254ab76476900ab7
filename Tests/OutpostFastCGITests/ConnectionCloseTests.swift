import Foundation
import Glibc
import Logging
import Outpost
import OutpostFastCGI
import OutpostTestSupport
import Testing

/// How a connection nginx does not keep is closed after its answer.
struct ConnectionCloseTests {
    /// The request was read to its end, so the thread closes at once instead of waiting (libfcgi's
    /// lingering close, up to 2 s) for the peer to close first: a client that keeps its end open does
    /// not hold the thread, and the next request on a one-thread server is answered straight away.
    @Test func aClientThatKeepsItsEndOpenAfterTheAnswerDoesNotHoldTheThread() throws {
        let served = try BackgroundServer()
        defer { served.stop() }
        let first = try FastCGIRawClient.connect(toSocket: served.path)
        defer { close(first) }
        FastCGIRawClient.write(FastCGIRawClient.request("GET", "/"), to: first)
        let firstAnswer = String(decoding: FastCGIRawClient.readAll(first, waitMs: 3000), as: UTF8.self)
        #expect(firstAnswer.contains("answered GET"), "answer: \(firstAnswer.debugDescription)")
        // `first` stays open. The second request is answered well inside libfcgi's 2 s linger.
        let second = try FastCGIRawClient.connect(toSocket: served.path)
        defer { close(second) }
        FastCGIRawClient.write(FastCGIRawClient.request("POST", "/", body: Array("x".utf8)), to: second)
        let secondAnswer = String(decoding: FastCGIRawClient.readAll(second, waitMs: 1000), as: UTF8.self)
        #expect(secondAnswer.contains("answered POST"), "answer: \(secondAnswer.debugDescription)")
    }

    /// A body over the limit is not read: its connection keeps the lingering close, which drains the
    /// rest, so the client still gets the whole 413 however much it sent.
    @Test func aBodyOverTheLimitIsStillAnsweredWholeWithTheRestUnread() throws {
        let served = try BackgroundServer(maxBodyBytes: 16)
        defer { served.stop() }
        let connection = try FastCGIRawClient.connect(toSocket: served.path)
        defer { close(connection) }
        var request = FastCGIRawClient.head("POST", "/", contentLength: 40000)
        for _ in 0..<4 { request += FastCGIRawClient.record(type: 5, content: [UInt8](repeating: 0x61, count: 10_000)) }
        request += FastCGIRawClient.record(type: 5, content: [])
        FastCGIRawClient.write(request, to: connection)
        let answer = String(decoding: FastCGIRawClient.readAll(connection, waitMs: 3000), as: UTF8.self)
        #expect(answer.contains("Status: 413"), "answer: \(answer.debugDescription)")
        #expect(answer.contains("larger than the limit of 16 bytes"), "answer: \(answer.debugDescription)")
    }
}

/// A request whose records come with pauses between them (nginx passing on a slow upload with
/// `fastcgi_request_buffering off`) is read whole, on a unix socket and on TCP alike.
struct SlowRequestTests {
    private func pausedBodyIsReadWhole(_ served: BackgroundServer, connect: () throws -> Int32) throws {
        let connection = try connect()
        defer { close(connection) }
        let head = FastCGIRawClient.head("POST", "/", contentLength: 6)
        FastCGIRawClient.write(head + FastCGIRawClient.record(type: 5, content: Array("abc".utf8)), to: connection)
        // Longer than the accept wait (100 ms) the listen socket has.
        Thread.sleep(forTimeInterval: 0.4)
        let rest =
            FastCGIRawClient.record(type: 5, content: Array("def".utf8)) + FastCGIRawClient.record(type: 5, content: [])
        FastCGIRawClient.write(rest, to: connection)
        let answer = String(decoding: FastCGIRawClient.readAll(connection, waitMs: 3000), as: UTF8.self)
        #expect(answer.contains("answered POST, 6 bytes"), "answer: \(answer.debugDescription)")
    }

    @Test func onAUnixSocket() throws {
        let served = try BackgroundServer()
        defer { served.stop() }
        try pausedBodyIsReadWhole(served) { try FastCGIRawClient.connect(toSocket: served.path) }
    }

    /// TCP connections inherit the listen socket's SO_RCVTIMEO (the 100 ms accept wait): unless the
    /// accepted connection gets its own, a pause that long ends the body early.
    @Test func onTCP() throws {
        let port = try FreePort.find()
        let served = try BackgroundServer(tcpPort: port)
        defer { served.stop() }
        // A connection takes the listen socket's options when the handshake completes: connect once
        // the server has set them (run() does, as it starts).
        Thread.sleep(forTimeInterval: 0.3)
        try pausedBodyIsReadWhole(served) { try FastCGIRawClient.connect(toPort: port) }
    }
}
