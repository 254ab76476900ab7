import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP connection to a dqlite node with deadlines on every read and write (non-blocking socket +
/// `poll`). Blocking: call it only from a storage thread, never from Swift's cooperative pool.
final class DqliteSocket {
    private let descriptor: Int32
    /// The `host:port` connected to.
    let address: String

    /// Connects to `address` (`host:port`, IPv4 or IPv6 as `[::1]:port`) before `deadline`.
    init(address: String, deadline: ContinuousClock.Instant) throws(DqliteError) {
        self.address = address
        let (host, port) = try Self.split(address)
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, port, &hints, &list) == 0, let first = list else {
            throw .notSent("cannot resolve dqlite node \(address)")
        }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .notSent("socket(): \(String(cString: strerror(errno)))") }
        descriptor = fd
        // Every stored property is set: a throw from here on runs `deinit`, which closes `fd` — closing it
        // here as well would close whatever another thread opened under the same number meanwhile.
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        if connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) != 0 {
            guard errno == EINPROGRESS else {
                let reason = String(cString: strerror(errno))
                throw .notSent("cannot connect to dqlite node \(address): \(reason)")
            }
            do throws(DqliteError) {
                try wait(for: Int16(POLLOUT), until: deadline, sent: false)
            } catch {
                throw error
            }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length)
            if failure != 0 {
                throw .notSent("cannot connect to dqlite node \(address): \(String(cString: strerror(failure)))")
            }
        }
    }

    deinit { close(descriptor) }

    /// Writes all of `bytes` before `deadline`. A failure before the first byte left is `notSent`;
    /// after it, the node may have the request, so it is `unknownOutcome`.
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(DqliteError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                send(descriptor, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            if count > 0 {
                offset += count
                continue
            }
            if count < 0, errno == EAGAIN || errno == EINTR {
                try wait(for: Int16(POLLOUT), until: deadline, sent: offset > 0)
                continue
            }
            let reason = "write to dqlite node \(address) failed: \(String(cString: strerror(errno)))"
            throw offset > 0 ? .unknownOutcome(reason) : .notSent(reason)
        }
    }

    /// Reads exactly `count` bytes before `deadline` (the request was already sent).
    func read(count: Int, deadline: ContinuousClock.Instant) throws(DqliteError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                recv(descriptor, buffer.baseAddress! + offset, count - offset, 0)
            }
            if got > 0 {
                offset += got
                continue
            }
            if got == 0 { throw .unknownOutcome("dqlite node \(address) closed the connection") }
            if errno == EAGAIN || errno == EINTR {
                try wait(for: Int16(POLLIN), until: deadline, sent: true)
                continue
            }
            throw .unknownOutcome("read from dqlite node \(address) failed: \(String(cString: strerror(errno)))")
        }
        return bytes
    }

    private func wait(for events: Int16, until deadline: ContinuousClock.Instant, sent: Bool) throws(DqliteError) {
        while true {
            let left = deadline - ContinuousClock.now
            let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
            guard milliseconds > 0 else {
                let reason = "dqlite node \(address) did not answer in time"
                throw sent ? .unknownOutcome(reason) : .notSent(reason)
            }
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(min(milliseconds, Int64(Int32.max))))
            if ready > 0 { return }
            if ready < 0, errno != EINTR {
                let reason = "poll on dqlite node \(address) failed: \(String(cString: strerror(errno)))"
                throw sent ? .unknownOutcome(reason) : .notSent(reason)
            }
        }
    }

    /// `host:port` or `[v6]:port` split in two.
    static func split(_ address: String) throws(DqliteError) -> (host: String, port: String) {
        guard let colon = address.lastIndex(of: ":") else {
            throw .notSent("dqlite address without a port: \(address)")
        }
        var host = String(address[..<colon])
        let port = String(address[address.index(after: colon)...])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let number = Int(port), (1...65535).contains(number) else {
            throw .notSent("bad dqlite address \(address) (expected host:port)")
        }
        return (host, port)
    }
}
