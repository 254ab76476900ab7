import Foundation
import Glibc

/// Where a listening socket is bound.
public enum SocketAddress: Sendable, Equatable, CustomStringConvertible {
    /// A unix socket file.
    case unix(path: String)
    /// TCP on `host:port`.
    case tcp(host: String, port: Int)

    /// The text `print` and string interpolation show for this value.
    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): "\(host):\(port)"
        }
    }
}

/// A socket could not be set up.
public struct ListenError: Error, Sendable, CustomStringConvertible {
    /// What failed, with the address and the system's reason.
    public let message: String

    /// The text `print` and string interpolation show for this value.
    public var description: String { message }
}

/// Opens the listening socket the FastCGI responder accepts on (owned by the supervisor, inherited by workers).
public enum ListenSocket {
    /// Binds and listens on `address`. A unix socket gets `mode` and, when given, `group`; a stale socket
    /// file (nobody accepting on it) is replaced, a live one is an error. The fd is close-on-exec.
    public static func open(
        _ address: SocketAddress, mode: UInt32 = 0o660, group: String? = nil, backlog: Int32 = 511
    ) throws(ListenError) -> Int32 {
        switch address {
        case .unix(let path): return try openUnix(path: path, mode: mode, group: group, backlog: backlog)
        case .tcp(let host, let port): return try openTCP(host: host, port: port, backlog: backlog)
        }
    }

    /// Removes the unix socket file of `address`, if it is one.
    public static func remove(_ address: SocketAddress) {
        if case .unix(let path) = address { unlink(path) }
    }

    private static func failure(_ what: String, _ address: String) -> ListenError {
        ListenError(message: "\(what) \(address): \(String(cString: strerror(errno)))")
    }

    private static func openUnix(path: String, mode: UInt32, group: String?, backlog: Int32) throws(ListenError)
        -> Int32
    {
        let directory = (path as NSString).deletingLastPathComponent
        // 0750: nginx's group (socket_group) must be able to reach the socket; nothing else lives here
        // unprotected (KV and D1 files are in 0700 subdirectories, 0600 each).
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            throw ListenError(message: "unix socket path is longer than \(capacity - 1) bytes: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path.utf8)
            buffer[path.utf8.count] = 0
        }
        if FileManager.default.fileExists(atPath: path) {
            if isLive(&address) {
                throw ListenError(
                    message: "another process is serving on unix:\(path); stop it or choose another listen path")
            }
            unlink(path)
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("cannot create a socket for", "unix:\(path)") }
        // Bind under a restrictive umask so the socket is never briefly open to everyone.
        let previousMask = umask(0o177)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        umask(previousMask)
        guard bound == 0 else {
            let error = failure("cannot bind", "unix:\(path)")
            close(fd)
            throw error
        }
        if let group {
            guard let entry = getgrnam(group) else {
                close(fd)
                unlink(path)
                throw ListenError(message: "socket_group \"\(group)\" does not exist")
            }
            if chown(path, uid_t.max, entry.pointee.gr_gid) != 0 {
                let error = failure("cannot give the socket to group \(group):", path)
                close(fd)
                unlink(path)
                throw error
            }
        }
        guard chmod(path, mode_t(mode)) == 0, listen(fd, backlog) == 0 else {
            let error = failure("cannot listen on", "unix:\(path)")
            close(fd)
            unlink(path)
            throw error
        }
        return fd
    }

    /// Whether something accepts connections on the socket file.
    private static func isLive(_ address: inout sockaddr_un) -> Bool {
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { return false }
        defer { close(probe) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }

    private static func openTCP(host: String, port: Int, backlog: Int32) throws(ListenError) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let info = list else {
            throw ListenError(message: "listen address \(host):\(port) is not a numeric IP address")
        }
        defer { freeaddrinfo(list) }
        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("cannot create a socket for", "\(host):\(port)") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0, listen(fd, backlog) == 0 else {
            let error = failure("cannot listen on", "\(host):\(port)")
            close(fd)
            throw error
        }
        return fd
    }
}
