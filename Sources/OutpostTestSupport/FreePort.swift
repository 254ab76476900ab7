import Foundation
import Glibc
import OutpostRuntime
import Synchronization

/// A free TCP port on 127.0.0.1, never handed out twice by one process.
///
/// Ports come from below the kernel's ephemeral range (`ip_local_port_range`), so neither an outgoing
/// connection nor another `bind(port: 0)` can take one between `find()` and the server binding it, and
/// each process walks that range from its own pid-derived start. (Asking the kernel for port 0 let two
/// stacks started at once get the same port: the second nginx could not bind it, and the first
/// nginx — a different stack's backend — answered the second test's requests with 502s.)
public enum FreePort {
    /// Ports handed out so far in this process, as an offset into the range.
    private static let handedOut = Mutex<Int>(0)

    /// An unused port nobody else in this process was given.
    public static func find() throws -> Int {
        guard let range = candidateRange() else { return try kernelChosen() }
        let start = Int(getpid()) &* 7919 % range.count
        for _ in 0..<range.count {
            let offset = handedOut.withLock { count -> Int in
                defer { count += 1 }
                return count
            }
            guard offset < range.count else { break }
            let port = range.lowerBound + (start + offset) % range.count
            if isBindable(port) { return port }
        }
        throw TestHarnessError("no free port in \(range)")
    }

    /// Ports 10000 up to the ephemeral range's start (`nil` when that leaves too few).
    static func candidateRange() -> Range<Int>? {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let fields = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard fields.count == 2, fields[0] - 10_000 >= 1_000 else { return nil }
        return 10_000..<fields[0]
    }

    /// Whether a listening socket could take `port` now (no `SO_REUSEADDR`: a port in TIME_WAIT is
    /// passed over too).
    private static func isBindable(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// The kernel's choice (for a machine whose ephemeral range leaves no room below it).
    private static func kernelChosen() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw TestHarnessError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// 127.0.0.1:`port` as a socket address.
    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }
}
