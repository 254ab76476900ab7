import Glibc

/// Writes raw bytes to a FastCGI unix socket, bypassing nginx (for malformed-record tests).
public enum FastCGIRawClient {
    /// Connects to `path`, writes `bytes`, waits up to `waitMs` for an answer or a close, and returns what was read.
    @discardableResult
    public static func send(_ bytes: [UInt8], toSocket path: String, waitMs: Int32 = 500) throws -> [UInt8] {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path.utf8)
            buffer[path.utf8.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw TestHarnessError("cannot connect to \(path)") }
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var received: [UInt8] = []
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while poll(&poller, 1, waitMs) > 0 {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += chunk[..<count]
        }
        return received
    }

    /// A FastCGI record: version 1, `type`, request id 1, `content`, no padding.
    public static func record(type: UInt8, content: [UInt8]) -> [UInt8] {
        [1, type, 0, 1, UInt8(content.count >> 8), UInt8(content.count & 0xFF), 0, 0] + content
    }

    /// BEGIN_REQUEST (responder role) followed by a PARAMS record whose name and value lengths are
    /// both 0x7ffffffe: the record that makes Debian 12's libfcgi abort (CVE-2025-23016, second half).
    public static var craftedParams: [UInt8] {
        let begin = record(type: 1, content: [0, 1, 0, 0, 0, 0, 0, 0])
        let lengths: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFF, 0xFE]
        return begin + record(type: 4, content: lengths + [UInt8](repeating: 0x41, count: 16))
    }
}
