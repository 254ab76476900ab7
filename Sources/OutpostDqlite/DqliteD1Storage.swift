import Foundation
public import Outpost
import OutpostSQLite
import Synchronization

/// A D1 database on a dqlite cluster: Raft-replicated SQLite reached over dqlite's wire protocol,
/// with the embedded engine's D1 semantics. JS equivalent: the D1 service behind `env.DB`.
///
/// - Every request goes to the leader (found with LEADER across the configured nodes). A request of
///   one read-only statement runs as it is; anything else runs inside `BEGIN IMMEDIATE … COMMIT` on one
///   leader connection, so a `batch` is all or nothing and a failure rolls all of it back.
/// - D1's authorizer rules and parameter rules are checked in the client before anything is sent
///   (`D1ClientRules`), with the embedded engine's messages. Foreign keys are on (dqlite turns them on).
/// - A read, or a write that failed before its COMMIT was sent, is retried on the new leader when the
///   leader moved; a write whose COMMIT was sent and not answered is never retried and fails with an
///   error saying its outcome is unknown. With no leader, every request fails within `timeout`.
/// - Blocking socket I/O runs on the calling accept thread or the storage's `StorageExecutor` threads,
///   never on Swift's cooperative pool.
///
/// `meta`: `changes` is `total_changes()` after minus before on the connection (triggers included),
/// `last_row_id` is `last_insert_rowid()` after the query, `size_after` is `(page_count −
/// freelist_count) × page_size`, all read with one query after each D1 query. For the last statement
/// of a query, `rows_read` counts the rows it returned (dqlite exposes no statement counters) and
/// `rows_written` the rows it changed.
/// `duration` includes the network round trips. `served_by` is `"miniflare.db"`, as embedded.
public final class DqliteD1Storage: D1Storage {
    /// The nodes asked for the leader (`host:port`, any subset of the cluster).
    public let nodes: [String]
    /// The database name on the cluster.
    public let database: String
    private let cluster: DqliteCluster
    private let timeout: Duration
    /// Runs the blocking socket I/O: inline on an accept thread, else on the executor's own threads.
    private let executor = StorageExecutor(name: "outpost.d1.dqlite", threads: 8)
    private let state = Mutex(State())

    private struct State {
        var lastRowID: Int64 = 0
        var commits = UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000))
    }

    private static let metaSQL =
        "SELECT total_changes(), last_insert_rowid(), (p.page_count - f.freelist_count) * s.page_size "
        + "FROM pragma_page_count() p, pragma_freelist_count() f, pragma_page_size() s"

    /// A storage for `database` on the cluster that `nodes` belong to; each request (leader discovery
    /// included) may take `timeout`.
    public init(nodes: [String], database: String, timeout: Duration = .seconds(5)) {
        self.nodes = nodes
        self.database = database
        self.timeout = timeout
        cluster = DqliteCluster(nodes: nodes, database: database, timeout: timeout)
    }

    /// Runs `queries` as one transaction on the leader (see `D1Storage`), off the cooperative pool.
    public func execute(_ queries: [D1Query], sessionToken: String?) async throws(D1Error) -> D1Response {
        try await executor.run { () throws(D1Error) in try self.run(queries) }
    }

    /// Runs `queries` synchronously (blocking the calling thread) as one all-or-nothing transaction.
    public func run(_ queries: [D1Query]) throws(D1Error) -> D1Response {
        let queries = try D1Query.nonEmpty(queries)
        let parsed = try queries.map { query throws(D1Error) in (query, try D1ClientRules.statements(of: query)) }
        let deadline = ContinuousClock.now + timeout
        if parsed.count == 1, parsed[0].1.count == 1, parsed[0].1[0].isRead {
            let result = try read(parsed[0].0, parsed[0].1[0], deadline: deadline)
            return D1Response(results: [result], bookmark: bookmark)
        }
        return D1Response(results: try write(parsed, deadline: deadline), bookmark: bookmark)
    }

    /// The bookmark of the latest commit made through this storage (16 hex digits).
    public var bookmark: String {
        let hex = String(state.withLock { $0.commits }, radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }

    /// The leader's files of the database (DUMP): the database file and its WAL, SQLite's formats.
    public func dumpFiles() throws(D1Error) -> [(name: String, bytes: [UInt8])] {
        do {
            return try cluster.withLeader(deadline: ContinuousClock.now + timeout) { lease throws(DqliteError) in
                try lease.connection.dump(database, deadline: ContinuousClock.now + timeout)
            }
        } catch {
            throw D1Error(.dump, Self.d1Error(error).cause)
        }
    }

    /// The address of the leader now, or `nil` when no configured node knows one within the timeout.
    public func leaderAddress() -> String? {
        (try? cluster.connectToLeader(deadline: ContinuousClock.now + timeout))?.address
    }

    // MARK: Reads and writes

    private func read(_ query: D1Query, _ statement: D1StatementScanner.Statement, deadline: ContinuousClock.Instant)
        throws(D1Error) -> D1QueryResult
    {
        if let refusal = D1ClientRules.refusal(of: statement) { throw refusal }
        do {
            return try cluster.withLeader(deadline: deadline) { lease throws(DqliteError) in
                do throws(DqliteError) {
                    let start = ContinuousClock.now
                    let rows = try Self.queryCaughtUp(statement.sql, query.params, on: lease.connection, deadline)
                    let duration = Self.milliseconds(since: start)
                    let meta = try self.meta(lease, deadline: deadline)
                    return D1QueryResult(
                        columns: rows.columns, rows: rows.rows,
                        meta: D1Meta(
                            servedBy: D1Engine.servedBy, duration: duration, changes: 0,
                            lastRowID: Int(state.withLock { $0.lastRowID }), changedDB: false, sizeAfter: meta.size,
                            rowsRead: rows.rows.count, rowsWritten: 0))
                } catch .unknownOutcome(let reason) {
                    throw .notSent(reason)  // a read changes nothing: safe to send again
                } catch .failure(let code, let message)
                    where !DqliteError.failure(code: code, message: message).nothingRan
                {
                    throw .failure(
                        code: code, message: Self.locate(message, code: code, in: statement.sql, lease, deadline))
                }
            }
        } catch {
            throw Self.d1Error(error)
        }
    }

    /// QUERY_SQL of `sql`, on a node that has replayed its log. dqlite 1.11 prepares a QUERY_SQL before
    /// its barrier, so a leader just elected or restarted, whose state machine is still behind its Raft
    /// log, fails the prepare ("no such table") for a table that was committed. On a SQLite error the
    /// node is made to catch up (EXEC_SQL runs its barrier before preparing; an unknown PRAGMA is a
    /// statement that does nothing) and the query is sent once more: a read changes nothing.
    private static func queryCaughtUp(
        _ sql: String, _ params: [D1Value], on connection: DqliteConnection, _ deadline: ContinuousClock.Instant
    ) throws(DqliteError) -> DqliteConnection.Rows {
        do {
            return try connection.query(sql, params, deadline: deadline)
        } catch .failure(let code, _) where code & 0xFF == 1 {
            _ = try connection.exec("PRAGMA outpost_replay_barrier", deadline: deadline)
            return try connection.query(sql, params, deadline: deadline)
        }
    }

    /// `message` with ` at offset N` appended when the node's failure was a SQLite error at a place in
    /// `sql` (see `D1ErrorOffset`); the schema is read on `lease` only then.
    private static func locate(
        _ message: String, code: UInt64, in sql: String, _ lease: DqliteCluster.Lease,
        _ deadline: ContinuousClock.Instant
    ) -> String {
        guard code & 0xFF == 1 else { return message }
        let offset = D1ErrorOffset.offset(of: message, in: sql) {
            guard let rows = try? lease.connection.query(D1ErrorOffset.schemaSQL, deadline: deadline) else {
                return nil
            }
            return rows.rows.compactMap { row in
                if case .text(let text) = row.first { return text }
                return nil
            }
        }
        return offset.map { "\(message) at offset \($0)" } ?? message
    }

    private func write(_ parsed: [(D1Query, [D1StatementScanner.Statement])], deadline: ContinuousClock.Instant)
        throws(D1Error) -> [D1QueryResult]
    {
        var userError: D1Error?
        do {
            let results = try cluster.withLeader(deadline: deadline) { lease throws(DqliteError) in
                try self.transaction(parsed, lease, deadline: deadline, userError: &userError)
            }
            if let lastRowID = results.last.map({ Int64($0.meta.lastRowID) }) {
                state.withLock {
                    $0.lastRowID = lastRowID
                    $0.commits = max($0.commits + 1, UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000)))
                }
            }
            return results
        } catch {
            if let userError { throw userError }
            throw Self.d1Error(error)
        }
    }

    /// One attempt at running `parsed` in a transaction on `lease`. A failure of the SQL itself is
    /// stored in `userError` (and the transaction rolled back); failures before COMMIT was sent are
    /// reported as `notSent` (nothing can have committed), so the cluster may retry them.
    private func transaction(
        _ parsed: [(D1Query, [D1StatementScanner.Statement])], _ lease: DqliteCluster.Lease,
        deadline: ContinuousClock.Instant, userError: inout D1Error?
    ) throws(DqliteError) -> [D1QueryResult] {
        let connection = lease.connection
        var results: [D1QueryResult] = []
        var current = ""
        do throws(DqliteError) {
            _ = try connection.exec("BEGIN IMMEDIATE", deadline: deadline)
            var before = try meta(lease, deadline: deadline)
            for (query, statements) in parsed {
                let start = ContinuousClock.now
                var rows = DqliteConnection.Rows()
                var lastChanges = 0
                for (index, statement) in statements.enumerated() {
                    if let refusal = D1ClientRules.refusal(of: statement) {
                        userError = refusal
                        throw DqliteError.failure(code: 23, message: refusal.cause)
                    }
                    let isLast = index == statements.count - 1
                    current = statement.sql
                    (rows, lastChanges) = try run(
                        statement, params: isLast ? query.params : [], on: connection, deadline: deadline)
                }
                let duration = Self.milliseconds(since: start)
                let after = try meta(lease, deadline: deadline)
                let changes = Int(after.totalChanges - before.totalChanges)
                results.append(
                    D1QueryResult(
                        columns: rows.columns, rows: rows.rows,
                        meta: D1Meta(
                            servedBy: D1Engine.servedBy, duration: duration, changes: changes,
                            lastRowID: Int(after.lastRowID),
                            changedDB: changes != 0 || after.lastRowID != before.lastRowID || after.size != before.size,
                            sizeAfter: after.size, rowsRead: rows.rows.count, rowsWritten: lastChanges)))
                before = after
            }
        } catch {
            if case .failure(let code, let message) = error, !error.nothingRan {
                _ = try? connection.exec("ROLLBACK", deadline: deadline)
                if userError == nil {
                    let located = Self.locate(message, code: code, in: current, lease, deadline)
                    userError = Self.d1Error(.failure(code: code, message: located))
                }
                throw error
            }
            if connection.isHealthy { _ = try? connection.exec("ROLLBACK", deadline: deadline) }
            throw .notSent(error.description)  // nothing was committed: the cluster may retry
        }
        do throws(DqliteError) {
            _ = try connection.exec("COMMIT", deadline: deadline)
        } catch {
            if case .failure(let code, _) = error, code != DqliteWire.leadershipLost {
                userError = Self.d1Error(error)
                _ = try? connection.exec("ROLLBACK", deadline: deadline)
                throw error
            }
            userError = D1Error(
                .query,
                "dqlite leader lost while committing; the write may or may not have been applied and was not retried (\(error))"
            )
            throw error
        }
        return results
    }

    /// Sends one statement: QUERY when it yields rows, else EXEC (and EXEC again when QUERY finds it
    /// yields no columns, which dqlite refuses before running it). Returns its rows and the rows it
    /// changed (`sqlite3_changes` from EXEC; the rows a `RETURNING` returned from QUERY).
    private func run(
        _ statement: D1StatementScanner.Statement, params: [D1Value], on connection: DqliteConnection,
        deadline: ContinuousClock.Instant
    ) throws(DqliteError) -> (DqliteConnection.Rows, Int) {
        if statement.yieldsRows {
            do throws(DqliteError) {
                let rows = try connection.query(statement.sql, params, deadline: deadline)
                return (rows, statement.words.contains("RETURNING") ? rows.rows.count : 0)
            } catch .failure(let code, let message) where code == 1 && message == "not an error" {
                // No result columns: dqlite refused it before stepping; run it as EXEC.
            }
        }
        let result = try connection.exec(statement.sql, params, deadline: deadline)
        return (DqliteConnection.Rows(), Int(result.rowsAffected))
    }

    private struct Counters {
        var totalChanges: Int64
        var lastRowID: Int64
        var size: Int
    }

    private func meta(_ lease: DqliteCluster.Lease, deadline: ContinuousClock.Instant) throws(DqliteError) -> Counters {
        let rows = try lease.connection.query(Self.metaSQL, deadline: deadline)
        guard let row = rows.rows.first, row.count == 3, case .integer(let total) = row[0],
            case .integer(let rowID) = row[1], case .integer(let size) = row[2]
        else { throw .protocolViolation("unexpected meta row") }
        return Counters(totalChanges: total, lastRowID: rowID, size: Int(size))
    }

    // MARK: Errors

    /// The D1 error for a dqlite failure: SQLite failures worded as the embedded engine words them,
    /// others as an unavailable cluster or an unknown outcome.
    static func d1Error(_ error: DqliteError) -> D1Error {
        switch error {
        case .failure(let code, let message):
            if code == 23 { return D1Error(.query, "not authorized: SQLITE_AUTH") }
            var text = message
            var offset: Int?
            if let range = message.range(of: " at offset ", options: .backwards),
                let number = Int(message[range.upperBound...])
            {
                text = String(message[..<range.lowerBound])
                offset = number
            }
            let sqlite = SQLiteError(extendedCode: Int32(truncatingIfNeeded: code), message: text, offset: offset)
            return D1Error(.query, sqlite.description)
        case .notSent(let reason):
            return D1Error(.query, reason)
        case .unknownOutcome(let reason):
            return D1Error(
                .query,
                "dqlite connection lost; the write may or may not have been applied and was not retried (\(reason))")
        case .protocolViolation(let reason):
            return D1Error(.query, "dqlite protocol error: \(reason)")
        }
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
