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

    /// `waitInAccept` again if something made `fd` non-blocking since (checked after an accept that
    /// found no connection: a wait that ran out, or a non-blocking socket that would make the caller spin).
    static func keepWaitingInAccept(_ fd: Int32, timeoutMs: Int) {
        if fcntl(fd, F_GETFL) & O_NONBLOCK != 0 { waitInAccept(fd, timeoutMs: timeoutMs) }
    }
}
