import CFastCGI
import Glibc

/// How an accept thread waits beside libfcgi without being interrupted by a signal: for the next
/// request on its kept connection, or out a backoff pause, either cut short by the stop's wake-up (an
/// eventfd every waiter watches, readable from the stop on). (Waiting for a new connection happens in
/// accept() itself: `ListenSocket.waitInAccept`.)
///
/// A signal would also reach a thread that has just accepted a connection and is inside libfcgi's
/// first-byte wait or params read: the call fails with EINTR and libfcgi closes the connection
/// unanswered.
final class AcceptWaiter {
    private let wakeFD: Int32

    init(wakeFD: Int32) {
        self.wakeFD = wakeFD
    }

    /// Blocks until `connection` (kept open for the next request) has something to read — a request,
    /// or the peer's close — or the stop woke the threads. Whether the connection is readable.
    func waitForRequest(on connection: Int32) -> Bool {
        pollBoth(connection, timeoutMs: -1)
    }

    /// Blocks until `connection` has something to read or `timeoutMs` passed, whatever the stop's
    /// wake-up says (the stop's drain of kept connections); whether it is readable.
    func waitForRequest(onlyOn connection: Int32, timeoutMs: Int32) -> Bool {
        guard timeoutMs > 0 else { return false }
        var waiting = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
        return poll(&waiting, 1, timeoutMs) == 1
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
}
