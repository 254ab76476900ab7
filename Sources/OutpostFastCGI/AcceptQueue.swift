import Glibc

/// Whether the listen socket has a connection waiting, as seen from a worker process.
enum AcceptQueue {
    /// Whether a connection is waiting to be accepted on `fd` (a listening socket is readable then).
    static func hasWaitingConnection(_ fd: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) > 0 && poller.revents & Int16(POLLIN) != 0
    }
}
