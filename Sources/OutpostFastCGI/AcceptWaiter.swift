import CFastCGI
import Glibc

/// How an accept thread waits for work without being interrupted by a signal: a connection on the
/// (non-blocking) listen socket, the next request on its kept connection, or the stop's wake-up (an
/// eventfd every waiter watches, readable from the stop on).
///
/// A signal would also reach a thread that has just accepted a connection and is inside libfcgi's
/// first-byte wait or params read: the call fails with EINTR and libfcgi closes the connection
/// unanswered.
final class AcceptWaiter {
    private let listenFD: Int32
    private let wakeFD: Int32
    /// This thread's epoll set: the wake-up, and the listen socket while the thread waits for a
    /// connection. `-1` if it could not be made: `poll` then.
    private let epollFD: Int32

    init(listenFD: Int32, wakeFD: Int32) {
        self.listenFD = listenFD
        self.wakeFD = wakeFD
        let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        if epoll >= 0, Self.control(epoll, EPOLL_CTL_ADD, wakeFD, events: EPOLLIN.rawValue) {
            epollFD = epoll
        } else {
            if epoll >= 0 { close(epoll) }
            epollFD = -1
        }
    }

    deinit {
        if epollFD >= 0 { close(epollFD) }
    }

    /// Blocks until a connection may be waiting or the stop woke the threads (an interruption returns
    /// early too: the caller re-checks either way).
    ///
    /// The listen socket is watched exclusively, so one connection wakes one waiting thread, and from
    /// the end of the socket's queue of waiters, so connections go round the idle threads of every
    /// process in turn — as threads blocked in `accept()` take them.
    func waitForConnection() {
        if epollFD >= 0,
            Self.control(epollFD, EPOLL_CTL_ADD, listenFD, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)
        {
            var event = epoll_event()
            _ = epoll_wait(epollFD, &event, 1, -1)
            _ = Self.control(epollFD, EPOLL_CTL_DEL, listenFD, events: 0)
        } else {
            _ = pollBoth(listenFD, timeoutMs: -1)
        }
    }

    /// Blocks until `connection` (kept open for the next request) has something to read — a request,
    /// or the peer's close — or the stop woke the threads. Whether the connection is readable.
    func waitForRequest(on connection: Int32) -> Bool {
        pollBoth(connection, timeoutMs: -1)
    }

    /// Sleeps up to `milliseconds`, less if the stop wakes the threads.
    func pause(milliseconds: Int32) {
        var wakeUp = pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)
        _ = poll(&wakeUp, 1, milliseconds)
    }

    /// Polls `fd` and the wake-up (no allocation: this runs once per kept-alive request); whether `fd`
    /// is readable.
    private func pollBoth(_ fd: Int32, timeoutMs: Int32) -> Bool {
        withUnsafeTemporaryAllocation(of: pollfd.self, capacity: 2) { fds in
            fds[0] = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            fds[1] = pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)
            _ = poll(fds.baseAddress, 2, timeoutMs)
            return fds[0].revents != 0
        }
    }

    private static func control(_ epoll: Int32, _ operation: Int32, _ fd: Int32, events: UInt32) -> Bool {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        return epoll_ctl(epoll, operation, fd, &event) == 0
    }
}
