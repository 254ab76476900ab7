import Glibc

/// A message between the supervisor and one worker process over their private socket pair.
enum ControlMessage: UInt8 {
    /// Worker → supervisor: initialised (config, bindings, storage open); ready to accept.
    case ready = 0x52  // "R"
    /// Supervisor → worker: start accepting on the shared listen socket.
    case go = 0x47  // "G"
    /// Supervisor → worker: stop accepting, finish the requests in flight, exit (reload, retire).
    case stop = 0x53  // "S"
    /// Supervisor → worker: answer what is still queued on the listen socket too, then exit (full stop).
    case drain = 0x44  // "D"
}

/// One end of the supervisor ↔ worker socket pair. The supervisor's end is close-on-exec, so when the
/// supervisor dies (even by `kill -9`) the worker reads end-of-file and stops by itself.
struct ControlChannel: Sendable {
    /// The descriptor of this end.
    let fd: Int32

    /// The worker process's end: fd 4.
    static let workerFD: Int32 = 4

    /// A connected pair (both ends close-on-exec): `supervisor` stays, `worker` becomes the child's fd 4.
    static func pair() throws -> (supervisor: ControlChannel, worker: Int32) {
        var fds: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else {
            throw RuntimeError("cannot create the worker control socket: \(String(cString: strerror(errno)))")
        }
        return (ControlChannel(fd: fds[0]), fds[1])
    }

    /// Sends `message`; returns whether it was written (false when the other side is gone).
    @discardableResult
    func send(_ message: ControlMessage) -> Bool {
        var byte = message.rawValue
        while true {
            let written = Glibc.send(fd, &byte, 1, Int32(MSG_NOSIGNAL))
            if written == 1 { return true }
            if written < 0, errno == EINTR { continue }
            return false
        }
    }

    /// Blocks for the next message; `nil` at end-of-file (the other side is gone) or on an error.
    func receive() -> ControlMessage? {
        var byte: UInt8 = 0
        while true {
            let count = read(fd, &byte, 1)
            if count == 1 {
                if let message = ControlMessage(rawValue: byte) { return message }
                continue
            }
            if count < 0, errno == EINTR { continue }
            return nil
        }
    }

    /// Makes a blocked `receive()` return `nil` (this side is stopping on its own).
    func interrupt() { shutdown(fd, Int32(SHUT_RD)) }

    /// Closes this end.
    func close() { _ = Glibc.close(fd) }
}
