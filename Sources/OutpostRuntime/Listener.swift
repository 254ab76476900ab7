import Glibc
import OutpostConfig
import OutpostFastCGI

/// The listen socket a `serve` or `dev` owns, away from fd 3 (which the worker processes receive it as).
struct Listener: Sendable {
    /// The listening descriptor.
    let fd: Int32
    /// Where it listens.
    let address: SocketAddress
    /// The lock on a unix socket path (`nil` for TCP).
    let lock: SocketPathLock?

    /// Stops new connections reaching this socket: removes a unix socket file if it is still the one
    /// bound here (a successor's socket is never touched). The descriptor stays open for the workers.
    func unlinkPath() { lock?.removeSocketIfOurs() }

    /// Closes the socket and removes its file if it is still ours.
    func close() {
        unlinkPath()
        _ = Glibc.close(fd)
    }
}
