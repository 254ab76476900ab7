import Outpost

/// One client connection to a dqlite node: the handshake, then one request at a time.
///
/// Blocking socket I/O with a deadline per call; use it from a storage thread only.
final class DqliteConnection {
    /// The rows of a query: column names and values in column order.
    struct Rows {
        var columns: [String] = []
        var rows: [[D1Value]] = []
    }

    /// What EXEC_SQL reports.
    struct ExecResult {
        var lastInsertID: Int64
        var rowsAffected: Int64
    }

    /// A member of the cluster as CLUSTER reports it.
    struct Server: Equatable {
        var id: UInt64
        var address: String
        var role: UInt64
    }

    private let socket: DqliteSocket
    /// The node's address.
    var address: String { socket.address }
    /// Whether a database was opened on this connection.
    private(set) var openedDatabase: String?
    /// Whether the connection may be used again (no I/O failure so far).
    private(set) var isHealthy = true

    /// Connects to `address` and sends the protocol version.
    init(address: String, deadline: ContinuousClock.Instant) throws(DqliteError) {
        socket = try DqliteSocket(address: address, deadline: deadline)
        var encoder = DqliteEncoder()
        encoder.uint64(DqliteWire.protocolVersion)
        try socket.write(encoder.bytes, deadline: deadline)
    }

    // MARK: Requests

    /// LEADER: the leader as this node knows it, `nil` when it knows none.
    func leader(deadline: ContinuousClock.Instant) throws(DqliteError) -> (id: UInt64, address: String)? {
        var body = DqliteEncoder()
        body.uint64(0)
        var reply = try request(.leader, body, expecting: .server, deadline: deadline)
        let id = try reply.uint64()
        let address = try reply.text()
        return address.isEmpty ? nil : (id, address)
    }

    /// OPEN `name` (created on first use).
    func open(_ name: String, deadline: ContinuousClock.Instant) throws(DqliteError) {
        var body = DqliteEncoder()
        body.text(name)
        body.uint64(0)
        body.text("")
        _ = try request(.open, body, expecting: .db, deadline: deadline)
        openedDatabase = name
    }

    /// EXEC_SQL of one statement with `params`.
    func exec(_ sql: String, _ params: [D1Value] = [], deadline: ContinuousClock.Instant) throws(DqliteError)
        -> ExecResult
    {
        var body = DqliteEncoder()
        body.uint64(0)
        body.text(sql)
        body.parameters(params)
        var reply = try request(.execSQL, body, expecting: .result, deadline: deadline)
        let lastInsertID = try reply.int64()
        let rowsAffected = try reply.int64()
        return ExecResult(lastInsertID: lastInsertID, rowsAffected: rowsAffected)
    }

    /// QUERY_SQL of one statement with `params`: every page of rows until DONE.
    func query(_ sql: String, _ params: [D1Value] = [], deadline: ContinuousClock.Instant) throws(DqliteError)
        -> Rows
    {
        var body = DqliteEncoder()
        body.uint64(0)
        body.text(sql)
        body.parameters(params)
        try send(.querySQL, body, deadline: deadline)
        var result = Rows()
        while true {
            var page = try receive(expecting: .rows, deadline: deadline)
            let count = try page.uint64()
            guard count <= 32767 else { throw fail(.protocolViolation("\(count) columns")) }
            var columns: [String] = []
            for _ in 0..<count { columns.append(try page.text()) }
            result.columns = columns
            while true {
                let next = try page.peekUInt64()
                if next == DqliteWire.rowsDone { return result }
                if next == DqliteWire.rowsPart { break }
                result.rows.append(try page.row(count: Int(count)))
            }
        }
    }

    /// ADD a node (as a spare) to the cluster; sent to the leader.
    func add(id: UInt64, address: String, deadline: ContinuousClock.Instant) throws(DqliteError) {
        var body = DqliteEncoder()
        body.uint64(id)
        body.text(address)
        _ = try request(.add, body, expecting: .empty, deadline: deadline)
    }

    /// ASSIGN a node the given role (0 voter, 1 standby, 2 spare); sent to the leader.
    func assign(id: UInt64, role: UInt64, deadline: ContinuousClock.Instant) throws(DqliteError) {
        var body = DqliteEncoder()
        body.uint64(id)
        body.uint64(role)
        _ = try request(.assign, body, expecting: .empty, deadline: deadline)
    }

    /// CLUSTER: every member with its role.
    func cluster(deadline: ContinuousClock.Instant) throws(DqliteError) -> [Server] {
        var body = DqliteEncoder()
        body.uint64(1)
        var reply = try request(.cluster, body, expecting: .servers, deadline: deadline)
        let count = try reply.uint64()
        guard count < 10_000 else { throw fail(.protocolViolation("\(count) servers")) }
        var servers: [Server] = []
        for _ in 0..<count {
            servers.append(Server(id: try reply.uint64(), address: try reply.text(), role: try reply.uint64()))
        }
        return servers
    }

    /// DUMP `name`: the database file and its WAL, as the node holds them.
    func dump(_ name: String, deadline: ContinuousClock.Instant) throws(DqliteError) -> [(name: String, bytes: [UInt8])]
    {
        var body = DqliteEncoder()
        body.text(name)
        var reply = try request(.dump, body, expecting: .files, deadline: deadline)
        let count = try reply.uint64()
        guard count <= 16 else { throw fail(.protocolViolation("\(count) files")) }
        var files: [(name: String, bytes: [UInt8])] = []
        for _ in 0..<count {
            let fileName = try reply.text()
            files.append((fileName, try reply.blob()))
        }
        return files
    }

    // MARK: Framing

    private func request(
        _ type: DqliteWire.Request, _ body: DqliteEncoder, expecting: DqliteWire.Response,
        deadline: ContinuousClock.Instant
    ) throws(DqliteError) -> DqliteDecoder {
        try send(type, body, deadline: deadline)
        return try receive(expecting: expecting, deadline: deadline)
    }

    private func send(_ type: DqliteWire.Request, _ body: DqliteEncoder, deadline: ContinuousClock.Instant)
        throws(DqliteError)
    {
        guard isHealthy else { throw .notSent("connection to dqlite node \(address) is broken") }
        let payload = body.bytes
        var header = DqliteEncoder()
        header.uint64(UInt64(payload.count / 8) | UInt64(type.rawValue) << 32)
        do throws(DqliteError) {
            try socket.write(header.bytes + payload, deadline: deadline)
        } catch {
            throw fail(error)
        }
    }

    private func receive(expecting: DqliteWire.Response, deadline: ContinuousClock.Instant) throws(DqliteError)
        -> DqliteDecoder
    {
        let header: [UInt8]
        let body: [UInt8]
        do throws(DqliteError) {
            header = try socket.read(count: 8, deadline: deadline)
            var decoder = DqliteDecoder(header)
            let word = try decoder.uint64()
            let words = Int(word & 0xFFFF_FFFF)
            guard words * 8 <= DqliteWire.maxBodyBytes else { throw DqliteError.protocolViolation("message too large") }
            body = try socket.read(count: words * 8, deadline: deadline)
        } catch {
            throw fail(error)
        }
        let type = header[4]
        if type == DqliteWire.Response.failure.rawValue {
            let failure: DqliteError
            do throws(DqliteError) {
                failure = try Self.failure(body)
            } catch {
                throw fail(error)
            }
            throw failure
        }
        guard type == expecting.rawValue else {
            throw fail(.protocolViolation("expected response \(expecting.rawValue), got \(type)"))
        }
        return DqliteDecoder(body)
    }

    /// The FAILURE in `body`. When a query fails while stepping its first page, dqlite 1.11 sends what
    /// it had already put in the page (the column header and any rows) before the failure; that prefix
    /// is skipped: the failure is the code and message that end the body exactly.
    private static func failure(_ body: [UInt8]) throws(DqliteError) -> DqliteError {
        let plain = DqliteDecoder(body)
        if let failure = plain.failureFillingTheRest() { return failure }
        var prefixed = DqliteDecoder(body)
        let columns = try prefixed.uint64()
        guard columns > 0, columns <= 32767 else { throw .protocolViolation("malformed failure") }
        for _ in 0..<columns { _ = try prefixed.text() }
        while !prefixed.isAtEnd {
            if let failure = prefixed.failureFillingTheRest() { return failure }
            _ = try prefixed.row(count: Int(columns))
        }
        throw .protocolViolation("malformed failure")
    }

    /// Marks the connection broken (it must not be reused) and returns `error`.
    private func fail(_ error: DqliteError) -> DqliteError {
        isHealthy = false
        return error
    }
}
