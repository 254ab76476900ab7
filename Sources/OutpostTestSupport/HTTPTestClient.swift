import Foundation
import Glibc

/// A deliberately small HTTP/1.1 client over a TCP socket: keeps the connection for several requests,
/// reads `Content-Length` and chunked bodies, and records when body bytes arrive (for streaming tests).
public final class HTTPTestClient {
    private let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to `127.0.0.1:port`.
    public init(port: Int, timeoutSeconds: Int = 30) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            // `deinit` closes `fd` (every stored property is set); closing it here too would close
            // whatever another thread opened under the same number meanwhile.
            throw TestHarnessError("cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(fd) }

    /// Sends a request and reads its response.
    public func request(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [],
        host: String = "localhost"
    ) throws -> HTTPTestResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let started = ContinuousClock.now
        try send(Array(head.utf8) + body)
        return try readResponse(started: started, isHead: method == "HEAD")
    }

    /// Sends raw bytes.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw TestHarnessError("write failed: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// Reads one response.
    public func readResponse(started: ContinuousClock.Instant = .now, isHead: Bool = false) throws -> HTTPTestResponse {
        var arrivals: [Duration] = []
        let headEnd = try readUntil([13, 10, 13, 10], started: started, arrivals: &arrivals)
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        arrivals.removeAll()
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw TestHarnessError("bad status line: \(headText)")
        }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = HTTPTestResponse(status: status, headers: headers, body: [], arrivals: [])
        if isHead || status == 204 || status == 304 { return response }
        if response.header("transfer-encoding")?.lowercased() == "chunked" {
            while true {
                let lineEnd = try readUntil([13, 10], started: started, arrivals: &arrivals)
                let sizeText = String(decoding: buffer[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
                buffer.removeFirst(lineEnd + 2)
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                    throw TestHarnessError("bad chunk size")
                }
                try fill(size + 2, started: started, arrivals: &arrivals)
                response.body += buffer[..<size]
                buffer.removeFirst(size + 2)
                if size == 0 { break }
            }
        } else if let length = response.header("content-length").flatMap({ Int($0) }) {
            try fill(length, started: started, arrivals: &arrivals)
            response.body = Array(buffer[..<length])
            buffer.removeFirst(length)
        } else {
            while try receive(started: started, arrivals: &arrivals) {}
            response.body = buffer
            buffer.removeAll()
        }
        response.arrivals = arrivals
        return response
    }

    private func readUntil(_ marker: [UInt8], started: ContinuousClock.Instant, arrivals: inout [Duration]) throws
        -> Int
    {
        while true {
            if let index = find(marker) { return index }
            guard try receive(started: started, arrivals: &arrivals) else {
                throw TestHarnessError("connection closed early")
            }
        }
    }

    private func fill(_ count: Int, started: ContinuousClock.Instant, arrivals: inout [Duration]) throws {
        while buffer.count < count {
            guard try receive(started: started, arrivals: &arrivals) else {
                throw TestHarnessError("connection closed early")
            }
        }
    }

    private func receive(started: ContinuousClock.Instant, arrivals: inout [Duration]) throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 { throw TestHarnessError("read failed: \(String(cString: strerror(errno)))") }
        if count == 0 { return false }
        arrivals.append(ContinuousClock.now - started)
        buffer += chunk[..<count]
        return true
    }

    private func find(_ marker: [UInt8]) -> Int? {
        guard buffer.count >= marker.count else { return nil }
        for index in 0...(buffer.count - marker.count) where buffer[index] == marker[0] {
            if Array(buffer[index..<(index + marker.count)]) == marker { return index }
        }
        return nil
    }
}
