import Glibc

extension ListenSocket {
    /// Makes accept() on `fd` block, for at most `timeoutMs` per call (then it fails with EAGAIN).
    ///
    /// Threads blocked in accept() queue on the socket, each connection wakes only the one that has
    /// waited longest, and a call costs one system call: the cheapest way for many threads, in many
    /// processes, to share one listen socket. The timeout (SO_RCVTIMEO, which accept() honours on
    /// unix and TCP sockets) lets a waiting thread notice a stop without being sent a signal.
    static func waitInAccept(_ fd: Int32, timeoutMs: Int) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var timeout = timeval(tv_sec: timeoutMs / 1000, tv_usec: (timeoutMs % 1000) * 1000)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Whether `fd` is a TCP socket (IPv4 or IPv6), whose connections take its options, the accept
    /// wait's receive timeout included, when their handshake completes (unix sockets' do not).
    static func isTCP(_ fd: Int32) -> Bool {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        return named && (Int32(address.ss_family) == AF_INET || Int32(address.ss_family) == AF_INET6)
    }

    /// Takes the accept wait's receive timeout off a connection accepted on a TCP socket, so a read
    /// inside a request blocks as on a unix socket (nginx's `fastcgi_send_timeout` bounds a stall)
    /// instead of failing after a pause of `waitInAccept`'s timeout: a slow upload that nginx passes
    /// on as it comes would lose its body.
    static func clearInheritedReceiveTimeout(_ connection: Int32) {
        var none = timeval(tv_sec: 0, tv_usec: 0)
        _ = setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &none, socklen_t(MemoryLayout<timeval>.size))
    }

    /// `waitInAccept` again if something made `fd` non-blocking since (checked after an accept that
    /// found no connection: a wait that ran out, or a non-blocking socket that would make the caller spin).
    static func keepWaitingInAccept(_ fd: Int32, timeoutMs: Int) {
        if fcntl(fd, F_GETFL) & O_NONBLOCK != 0 { waitInAccept(fd, timeoutMs: timeoutMs) }
    }
}
