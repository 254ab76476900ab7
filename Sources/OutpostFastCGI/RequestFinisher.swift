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
enum RequestFinisher {
    static func finish(_ request: UnsafeMutablePointer<FCGX_Request>) {
        var close = request.pointee.keepConnection == 0
        if let input = request.pointee.in {
            // FCGX_Finish_r's order: the error stream, the output stream (END_REQUEST), then the input's error.
            let errorClosed = FCGX_FClose(request.pointee.err)
            let outputClosed = FCGX_FClose(request.pointee.out)
            close = close || errorClosed != 0 || outputClosed != 0 || FCGX_GetError(input) != 0
            if close, input.pointee.isClosed != 0, !hasWaitingInput(request.pointee.ipcFd) {
                // libfcgi's flag for a connection handed elsewhere: FCGX_Free then closes without lingering.
                request.pointee.detached = 1
            }
        }
        FCGX_Free(request, close ? 1 : 0)
    }

    /// Whether bytes wait unread on `fd` (checked without blocking; a peer that closed has none).
    static func hasWaitingInput(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) > 0
    }
}
