import Glibc

/// Writes raw bytes to a FastCGI unix socket, bypassing nginx (for malformed-record tests).
public enum FastCGIRawClient {
    /// Connects to `path`, writes `bytes`, waits up to `waitMs` for an answer or a close, and returns what was read.
    @discardableResult
    public static func send(_ bytes: [UInt8], toSocket path: String, waitMs: Int32 = 500) throws -> [UInt8] {
        let fd = try connect(toSocket: path)
        defer { close(fd) }
        write(bytes, to: fd)
        return readAll(fd, waitMs: waitMs)
    }

    /// A connection to the unix socket at `path` (the caller closes it).
    public static func connect(toSocket path: String) throws -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path.utf8)
            buffer[path.utf8.count] = 0
        }
        return try connect(family: AF_UNIX, to: address, named: path)
    }

    /// A TCP connection to 127.0.0.1:`port` (the caller closes it).
    public static func connect(toPort port: Int) throws -> Int32 {
        try connect(family: AF_INET, to: FreePort.loopback(port: port), named: "127.0.0.1:\(port)")
    }

    private static func connect<Address>(family: Int32, to address: Address, named name: String) throws -> Int32 {
        let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        var address = address
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<Address>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            throw TestHarnessError("cannot connect to \(name)")
        }
        return fd
    }

    /// Writes all of `bytes` to `fd`.
    public static func write(_ bytes: [UInt8], to fd: Int32) {
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    /// Reads from `fd` until it closes or nothing comes for `waitMs`.
    public static func readAll(_ fd: Int32, waitMs: Int32) -> [UInt8] {
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

    /// Reads from `fd` until a whole response has come (its END_REQUEST record), the connection
    /// closes, or nothing comes for `waitMs`; the STDOUT content read, `nil` without an END_REQUEST.
    /// For a kept connection, which stays open after the answer.
    public static func readResponse(_ fd: Int32, waitMs: Int32) -> String? {
        var received: [UInt8] = []
        var output: [UInt8] = []
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while poll(&poller, 1, waitMs) > 0 {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return nil }
            received += chunk[..<count]
            // Whole records: an 8-byte header (type, content and padding lengths), then the content.
            while received.count >= 8 {
                let length = Int(received[4]) << 8 | Int(received[5])
                let total = 8 + length + Int(received[6])
                guard received.count >= total else { break }
                if received[1] == 3 { return String(decoding: output, as: UTF8.self) }
                if received[1] == 6 { output += received[8..<(8 + length)] }
                received.removeFirst(total)
            }
        }
        return nil
    }

    /// One `name`/`value` pair of a PARAMS record (both under 128 bytes).
    public static func param(_ name: String, _ value: String) -> [UInt8] {
        [UInt8(name.utf8.count), UInt8(value.utf8.count)] + Array(name.utf8) + Array(value.utf8)
    }

    /// A whole request as nginx sends it: BEGIN_REQUEST (responder role; FCGI_KEEP_CONN with
    /// `keepingConnection`, nginx's `fastcgi_keep_conn on`), the params of `method uri`, the end of
    /// params, then `body` in one STDIN record and the end of the body.
    public static func request(
        _ method: String, _ uri: String, body: [UInt8] = [], keepingConnection: Bool = false
    ) -> [UInt8] {
        let params = param("REQUEST_METHOD", method) + param("REQUEST_URI", uri) + param("HTTP_HOST", "x")
        let flags: UInt8 = keepingConnection ? 1 : 0
        return record(type: 1, content: [0, 1, flags, 0, 0, 0, 0, 0]) + record(type: 4, content: params)
            + record(type: 4, content: []) + (body.isEmpty ? [] : record(type: 5, content: body))
            + record(type: 5, content: [])
    }

    /// BEGIN_REQUEST (responder role), the params of `method uri` with CONTENT_LENGTH `contentLength`,
    /// and the end of params: a request up to its body.
    public static func head(_ method: String, _ uri: String, contentLength: Int) -> [UInt8] {
        let params =
            param("REQUEST_METHOD", method) + param("REQUEST_URI", uri) + param("CONTENT_LENGTH", String(contentLength))
        return record(type: 1, content: [0, 1, 0, 0, 0, 0, 0, 0]) + record(type: 4, content: params)
            + record(type: 4, content: [])
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
