import Foundation
import Glibc
import OutpostTestSupport
import Synchronization

/// A one-node stand-in for a dqlite 1.11 leader just elected, whose state machine has not yet replayed
/// its Raft log: it speaks the wire protocol for LEADER, OPEN, EXEC_SQL and QUERY_SQL, and until it
/// runs a barrier it has no tables. As in dqlite 1.11's gateway, QUERY_SQL prepares its statement
/// before the barrier (so it fails with "no such table" while the log is behind), and EXEC_SQL runs
/// the barrier before preparing (so any EXEC replays the log).
final class LaggingDqliteNode: Sendable {
    /// `host:port` the node listens on.
    let address: String
    private let listener: Int32
    private let state = Mutex(State())

    private struct State {
        var replayed = false
        var requests: [String] = []
    }

    /// The requests received so far, as `QUERY <sql>` / `EXEC <sql>`.
    var requests: [String] { state.withLock { $0.requests } }

    /// Listens on a free loopback port; the table `r` holds one row, `a = 7`, once the log is replayed.
    init() throws {
        let port = try FreePort.find()
        address = "127.0.0.1:\(port)"
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw TestHarnessError("fake dqlite node: bind failed") }
        let socketFD = listener
        // The accept loop holds the node weakly, so releasing the node ends it (`deinit` shuts the
        // listener down, which fails the pending accept).
        Thread.detachNewThread { [weak self] in
            while true {
                let client = accept(socketFD, nil, nil)
                guard client >= 0 else { return }
                guard let node = self else {
                    close(client)
                    return
                }
                Thread.detachNewThread { node.serve(client) }
            }
        }
    }

    deinit { shutdown(listener, Int32(SHUT_RDWR)) }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        guard read(fd, 8) != nil else { return }  // protocol version
        while let header = read(fd, 8) {
            let words = header[0..<4].reversed().reduce(0) { $0 << 8 | Int($1) }
            guard let body = read(fd, words * 8) else { return }
            guard let reply = respond(to: header[4], body) else { return }
            guard write(fd, reply) else { return }
        }
    }

    /// The framed reply to request `type` with `body`, or `nil` to hang up.
    private func respond(to type: UInt8, _ body: [UInt8]) -> [UInt8]? {
        switch type {
        case 0:  // LEADER → SERVER (id, address): this node.
            return Self.frame(1, Self.word(1) + Self.text(address))
        case 3:  // OPEN → DB (id).
            return Self.frame(4, Self.word(0))
        case 8:  // EXEC_SQL: barrier first, then the statement.
            let sql = Self.sql(in: body)
            state.withLock {
                $0.replayed = true
                $0.requests.append("EXEC \(sql)")
            }
            return Self.frame(6, Self.word(0) + Self.word(0))
        case 9:  // QUERY_SQL: prepared before the barrier.
            let sql = Self.sql(in: body)
            let replayed = state.withLock {
                $0.requests.append("QUERY \(sql)")
                return $0.replayed
            }
            if sql.contains("total_changes()") { return Self.rows(columns: ["t", "r", "s"], integers: [0, 0, 4096]) }
            if sql.contains("sqlite_schema") || sql.contains("sqlite_master") {
                return Self.rows(columns: ["sql"], integers: nil)
            }
            guard replayed, sql.hasSuffix(" FROM r") else {
                let table = sql.split(separator: " ").last.map(String.init) ?? ""
                return Self.frame(0, Self.word(1) + Self.text("no such table: \(table)"))
            }
            return Self.rows(columns: ["a"], integers: [7])
        default:
            return nil
        }
    }

    // MARK: Encoding (little-endian words, NUL-terminated text padded to a word)

    private static func frame(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        let words = UInt32(body.count / 8)
        return withUnsafeBytes(of: words.littleEndian) { Array($0) } + [type, 0, 0, 0] + body
    }

    private static func word(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

    private static func text(_ value: String) -> [UInt8] {
        var bytes = Array(value.utf8) + [0]
        while bytes.count % 8 != 0 { bytes.append(0) }
        return bytes
    }

    /// ROWS: the column names, then one row of `integers` (none when `nil`), then DONE.
    private static func rows(columns: [String], integers: [Int64]?) -> [UInt8] {
        var body = word(UInt64(columns.count))
        for column in columns { body += text(column) }
        if let integers {
            var header = [UInt8](repeating: 0, count: (integers.count + 1) / 2)
            for index in integers.indices { header[index / 2] |= index % 2 == 0 ? 1 : 1 << 4 }
            while header.count % 8 != 0 { header.append(0) }
            body += header
            for value in integers { body += word(UInt64(bitPattern: value)) }
        }
        return frame(7, body + word(UInt64.max))
    }

    /// The SQL text of an EXEC_SQL / QUERY_SQL body (database id word, then the text).
    private static func sql(in body: [UInt8]) -> String {
        let text = body.dropFirst(8).prefix { $0 != 0 }
        return String(decoding: text, as: UTF8.self)
    }

    // MARK: Socket I/O

    private func read(_ fd: Int32, _ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, count - done) }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
    }

    private func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
