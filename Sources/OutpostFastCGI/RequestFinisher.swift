import CFastCGI
import Glibc

/// Ends a request as `FCGX_Finish_r` does (flush the output, send END_REQUEST, close the connection
/// unless nginx keeps it), but closes a connection whose request was read to its end at once.
///
/// libfcgi closes every connection with a lingering close: `shutdown(SHUT_WR)`, then it waits (up to
/// 2 s) for the peer to close and reads whatever still comes. That protects a response from the reset
/// a close with unread input sends, and costs each request four system calls and a sleep until nginx
/// has read the answer and closed its end. Once FCGI_STDIN has reached its end (the empty record)
/// and nothing else waits on the socket, nginx sends nothing more on a connection it does not keep,
/// so a plain `close()` sends the same FIN without the wait. A request whose input was not read to the
/// end (a body over the limit) or that has more bytes waiting keeps libfcgi's lingering close.
///
/// With `endingKeptConnection` (a stopping server answering on a connection nginx keeps), the
/// connection is closed too, and nginx is told first not to keep it (`endOutputForNginxToClose`).
enum RequestFinisher {
    static func finish(_ request: UnsafeMutablePointer<FCGX_Request>, endingKeptConnection: Bool = false) {
        var close = request.pointee.keepConnection == 0 || endingKeptConnection
        if let input = request.pointee.in {
            // FCGX_Finish_r's order: the error stream, the output stream (END_REQUEST), then the input's error.
            let errorClosed = FCGX_FClose(request.pointee.err)
            let outputClosed =
                endingKeptConnection ? endOutputForNginxToClose(request) : FCGX_FClose(request.pointee.out)
            close = close || errorClosed != 0 || outputClosed != 0 || FCGX_GetError(input) != 0
            if close, input.pointee.isClosed != 0, !hasWaitingInput(request.pointee.ipcFd) {
                // libfcgi's flag for a connection handed elsewhere: FCGX_Free then closes without lingering.
                request.pointee.detached = 1
            }
        }
        FCGX_Free(request, close ? 1 : 0)
    }

    /// Ends the output as `FCGX_FClose` does (the buffered STDOUT, its empty end record, END_REQUEST)
    /// and sends one more record, FCGI_UNKNOWN_TYPE, in the same write. nginx keeps a connection only
    /// when its END_REQUEST is the last thing it read; with bytes after it, nginx closes the connection
    /// itself. A close of ours alone could cross the next request nginx sends on the connection, after
    /// it has read the answer and before it has seen the close: nginx answers 502 to a POST it sent.
    /// 0 when written, -1 otherwise.
    private static func endOutputForNginxToClose(_ request: UnsafeMutablePointer<FCGX_Request>) -> Int32 {
        guard let output = request.pointee.out, FCGX_FFlush(output) == 0 else { return -1 }
        output.pointee.isClosed = 1
        let id = request.pointee.requestId
        let status = UInt32(bitPattern: request.pointee.appStatus)
        func header(type: UInt8, requestID: Int32, length: UInt8) -> [UInt8] {
            [1, type, UInt8(truncatingIfNeeded: requestID >> 8), UInt8(truncatingIfNeeded: requestID), 0, length, 0, 0]
        }
        let statusBytes = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: status >> $0) }
        let records =
            header(type: UInt8(FCGI_STDOUT), requestID: id, length: 0)
            + header(type: UInt8(FCGI_END_REQUEST), requestID: id, length: 8) + statusBytes
            + [UInt8(FCGI_REQUEST_COMPLETE), 0, 0, 0]
            + header(type: UInt8(FCGI_UNKNOWN_TYPE), requestID: 0, length: 8) + [UInt8](repeating: 0, count: 8)
        let connection = request.pointee.ipcFd
        let written = records.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        return written == records.count ? 0 : -1
    }

    /// Closes the connection `request` holds between requests (if any): at once when nothing waits
    /// unread (nginx has sent nothing a lingering close would protect), else with libfcgi's lingering close.
    static func closeIdle(_ request: UnsafeMutablePointer<FCGX_Request>) {
        if request.pointee.ipcFd >= 0, !hasWaitingInput(request.pointee.ipcFd) { request.pointee.detached = 1 }
        FCGX_Free(request, 1)
    }

    /// Whether bytes wait unread on `fd` (checked without blocking; a peer that closed has none).
    private static func hasWaitingInput(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) > 0
    }
}
