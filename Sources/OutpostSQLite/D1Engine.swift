import CSQLite
import Foundation
public import Outpost
import Synchronization

/// The D1 engine: one SQLite file per database, run with D1's rules. JS equivalent: the D1 service
/// behind `env.DB` (miniflare's D1 object locally).
///
/// - Every connection has foreign keys ON, D1's `sqlite3_limit`s (`D1Engine.limits`) and a
///   `D1Authorizer` (no transactions, ATTACH, non-allowlisted pragmas or `_cf_*` tables).
/// - A request (one statement, a `batch`, the lines of `exec`) runs on the writer connection inside one
///   `BEGIN IMMEDIATE` transaction, all or nothing. A request of one read-only statement (not a PRAGMA)
///   runs on a reader connection instead, so reads never wait for writes (WAL).
/// - Writers queue: in this process on the writer lock, across processes (the CLI, other servers) on
///   SQLite's `busy_timeout`, and `BEGIN IMMEDIATE` is retried while busy, so `SQLITE_BUSY` does not
///   reach the worker.
/// - `execute` (the worker's path) follows `StorageExecutor`'s model: inline on an accept thread, else a
///   read on the file's reader threads and a write on its one writer thread, so waiting for the writer
///   lock or for another process never blocks a thread of Swift's cooperative pool. `run` is the same
///   path on the calling thread. Whether a SQL text writes is learnt once (`D1WriteClassifier`).
///
/// `meta` is computed per query:
/// - `served_by`: `"miniflare.db"`, miniflare's local constant, so code that checks it behaves as under
///   `wrangler dev`.
/// - `duration`: wall milliseconds of the statements (not the meta bookkeeping).
/// - `changes`: `sqlite3_total_changes64` after minus before (trigger changes included).
/// - `last_row_id`: `sqlite3_last_insert_rowid` of the writer after the query; reads on a reader report
///   the writer's last value, as miniflare's single connection does.
/// - `changed_db`: changes ≠ 0, or `last_row_id` changed, or the size changed.
/// - `size_after`: `(page_count − freelist_count) × page_size`.
/// - `rows_read` (approximation): the larger of rows stepped and SQLite's
///   `SQLITE_STMTSTATUS_FULLSCAN_STEP`, of the query's last statement (a query of several statements
///   reports its last one's, as D1 does). D1's patched SQLite counts every b-tree row visited, so
///   indexed lookups and joins read lower here.
/// - `rows_written` (approximation): the changes of the query's last statement (triggers included).
///   D1 also counts index entries, so it reads higher.
public final class D1Engine: D1Storage {
    /// The `meta.served_by` of every result.
    public static let servedBy = "miniflare.db"

    /// The limits workerd sets on D1's SQLite connections.
    public static let limits: [(SQLiteLimit, Int)] = [
        (.length, 4 * 1024 * 1024), (.sqlLength, 100_000), (.column, 100), (.exprDepth, 100),
        (.compoundSelect, 5), (.functionArg, 127), (.likePatternLength, 50), (.variableNumber, 100),
        (.triggerDepth, 10), (.attached, 0),
    ]

    /// The database file.
    public let path: String
    private let database: SQLiteDatabase
    /// The writer's `last_insert_rowid` after the latest commit (what reads report as `last_row_id`).
    /// Atomics, not a lock: every response reads them, from every accept thread.
    private let lastRowID = Atomic<Int64>(0)
    /// Commits made through this engine, counted from the microseconds since 1970 it opened at (so a
    /// later engine's bookmarks sort after an earlier one's).
    private let commits: Atomic<UInt64>
    /// SQL texts found to write (or to be more than one read-only statement), classified once: they go
    /// straight to the writer instead of being prepared on a reader first.
    private let writes = D1WriteClassifier()

    /// The file of database `localName` under `stateDirectory`: `<stateDirectory>/d1/<localName>.sqlite`.
    public static func path(stateDirectory: String, localName: String) -> String {
        stateDirectory + "/d1/" + localName + ".sqlite"
    }

    /// Opens (creating if missing) the database file at `path`.
    public init(path: String) throws {
        self.path = path
        var options = SQLiteConnection.Options()
        options.foreignKeys = true
        database = try SQLiteDatabase(path: path, options: options) { connection in
            try connection.execute("PRAGMA mmap_size=\(SQLiteConnection.mmapSize)")
            for (limit, value) in D1Engine.limits { connection.setLimit(limit, value) }
            connection.setAuthorizer(D1Authorizer())
        }
        let start = UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000))
        commits = Atomic(start)
    }

    /// Runs `queries` as one transaction (see `D1Storage`). The session token is ignored: there is one
    /// copy of the data, always current.
    ///
    /// On an accept thread (or a storage thread) everything runs inline. From anywhere else a request
    /// that may read only runs on the file's reader threads and any other on its one writer thread, so
    /// waiting for the write lock never holds a thread of the cooperative pool.
    public func execute(_ queries: [D1Query], sessionToken: String?) async throws(D1Error) -> D1Response {
        guard !queries.isEmpty else { throw D1Error(.query, "No SQL statements detected.") }
        if mayRead(queries),
            let result = try await database.onReader({ () throws(D1Error) in try readOnly(queries[0]) })
        {
            return D1Response(results: [result], bookmark: bookmark)
        }
        let results = try await database.onWriter { () throws(D1Error) in try write(queries) }
        return D1Response(results: results, bookmark: bookmark)
    }

    /// `execute` on the calling thread, for callers on a thread that may block (the CLI's commands).
    public func run(_ queries: [D1Query]) throws(D1Error) -> D1Response {
        try respond(D1Query.nonEmpty(queries))
    }

    /// The one path of every request: one read-only statement on a reader, anything else on the writer.
    private func respond(_ queries: [D1Query]) throws(D1Error) -> D1Response {
        if mayRead(queries), let result = try readOnly(queries[0]) {
            return D1Response(results: [result], bookmark: bookmark)
        }
        return D1Response(results: try write(queries), bookmark: bookmark)
    }

    /// Whether `queries` is one query not yet known to write.
    private func mayRead(_ queries: [D1Query]) -> Bool {
        queries.count == 1 && !writes.contains(queries[0].sql)
    }

    /// The bookmark of the latest commit made through this engine (16 hex digits, ordered as strings).
    public var bookmark: String {
        Self.bookmark(commits.load(ordering: .acquiring))
    }

    /// `commits` as 16 lowercase hex digits (so bookmarks order as strings).
    static func bookmark(_ commits: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: commits >> (4 * UInt64(15 - index))) & 0xF
                buffer[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }

    // MARK: - Running

    /// Runs `query` on a reader when it is one read-only, non-PRAGMA statement; `nil` when it must write.
    private func readOnly(_ query: D1Query) throws(D1Error) -> D1QueryResult? {
        try retryingBusy { () throws(D1Error) -> D1QueryResult? in
            try withConnection(writer: false) { connection, authorizer throws(D1Error) -> D1QueryResult? in
                authorizer.refusedTransaction = false
                let first = try Self.prepareFirst(query.sql, on: connection, authorizer: authorizer)
                guard let statement = first.statement else {
                    throw D1Error(.query, "SQL code did not contain a statement.")
                }
                guard D1SQLText.isBlank(first.tail), statement.isReadOnly, !statement.isPragma else {
                    statement.reset()
                    writes.insert(query.sql)
                    return nil
                }
                let start = ContinuousClock.now
                let outcome = try runStatements(query, on: connection, authorizer: authorizer, first: first)
                let duration = Self.milliseconds(since: start)
                let size = try committedSize(connection, authorizer)
                let meta = D1Meta(
                    servedBy: Self.servedBy, duration: duration, changes: 0,
                    lastRowID: Int(lastRowID.load(ordering: .acquiring)), changedDB: false, sizeAfter: size,
                    rowsRead: outcome.rowsRead, rowsWritten: 0)
                return D1QueryResult(columns: outcome.columns, rows: outcome.rows, meta: meta)
            }
        }
    }

    /// Runs `queries` on the writer in one `BEGIN IMMEDIATE` transaction.
    private func write(_ queries: [D1Query]) throws(D1Error) -> [D1QueryResult] {
        try withConnection(writer: true) { connection, authorizer throws(D1Error) -> [D1QueryResult] in
            try retryingBusy { () throws(D1Error) in
                try trusted(authorizer) { () throws(SQLiteError) in try connection.execute("BEGIN IMMEDIATE") }
            }
            do throws(D1Error) {
                var results: [D1QueryResult] = []
                var size = try committedSize(connection, authorizer)
                for query in queries {
                    let result = try runOnWriter(
                        query, connection: connection, authorizer: authorizer, sizeBefore: size)
                    size = result.meta.sizeAfter
                    results.append(result)
                }
                try retryingBusy { () throws(D1Error) in
                    try trusted(authorizer) { () throws(SQLiteError) in try connection.execute("COMMIT") }
                }
                // Nothing else could write between the last statement and COMMIT (this connection held
                // the write lock), so the last size is the size at the new data version.
                if let version = connection.dataVersion { connection.sizeCache = (version, size) }
                let lastRowID = connection.lastInsertRowID
                self.lastRowID.store(lastRowID, ordering: .releasing)
                commits.add(1, ordering: .releasing)
                return results
            } catch {
                try? trusted(authorizer) { () throws(SQLiteError) in try connection.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// Runs `query` inside the writer's transaction; `sizeBefore` is the database size before it.
    private func runOnWriter(
        _ query: D1Query, connection: SQLiteConnection, authorizer: D1Authorizer, sizeBefore: Int
    ) throws(D1Error) -> D1QueryResult {
        let totalBefore = connection.totalChanges
        let rowIDBefore = connection.lastInsertRowID
        let start = ContinuousClock.now
        let outcome = try runStatements(query, on: connection, authorizer: authorizer)
        let duration = Self.milliseconds(since: start)
        let changes = Int(connection.totalChanges - totalBefore)
        let rowID = connection.lastInsertRowID
        let sizeAfter = try sizeOf(connection, authorizer)
        let meta = D1Meta(
            servedBy: Self.servedBy, duration: duration, changes: changes, lastRowID: Int(rowID),
            changedDB: changes != 0 || rowID != rowIDBefore || sizeAfter != sizeBefore, sizeAfter: sizeAfter,
            rowsRead: outcome.rowsRead, rowsWritten: outcome.rowsWritten)
        return D1QueryResult(columns: outcome.columns, rows: outcome.rows, meta: meta)
    }

    private struct Outcome {
        var columns: [String] = []
        var rows: [[D1Value]] = []
        /// The last statement's rows read and written (D1 reports the last statement's, not a sum).
        var rowsRead = 0
        var rowsWritten = 0
    }

    /// Runs every statement of `query.sql` in order, binding the parameters to the last one, and
    /// returns the last one's rows. `first` is the first statement when the caller already prepared it.
    private func runStatements(
        _ query: D1Query, on connection: SQLiteConnection, authorizer: D1Authorizer,
        first: (statement: SQLiteStatement?, tail: String)? = nil
    ) throws(D1Error) -> Outcome {
        var outcome = Outcome()
        var remaining = query.sql
        var executed = 0
        var preparedFirst = first
        while true {
            authorizer.refusedTransaction = false
            let prepared: (statement: SQLiteStatement?, tail: String)
            if let preparedFirst {
                prepared = preparedFirst
            } else {
                prepared = try Self.prepareFirst(remaining, on: connection, authorizer: authorizer)
            }
            preparedFirst = nil
            guard let statement = prepared.statement else {
                if executed == 0 { throw D1Error(.query, "SQL code did not contain a statement.") }
                return outcome
            }
            defer { statement.reset() }
            let isLast = D1SQLText.isBlank(prepared.tail)
            if isLast {
                guard query.params.count == statement.parameterCount else {
                    throw D1Error(.query, "Wrong number of parameter bindings for SQL query.")
                }
                do {
                    for (index, value) in query.params.enumerated() {
                        try statement.bind(value, at: Int32(index + 1))
                    }
                } catch {
                    throw Self.translate(error, authorizer)
                }
            } else if statement.parameterCount > 0 {
                throw D1Error(
                    .query,
                    "When executing multiple SQL statements in a single call, only the last statement can have parameters."
                )
            }
            let columnCount = Int32(statement.columnCount)
            let changesBefore = connection.totalChanges
            var stepped = 0
            do {
                while try statement.step() {
                    stepped += 1
                    if isLast { outcome.rows.append((0..<columnCount).map { statement.value(at: $0) }) }
                }
            } catch {
                throw Self.translate(error, authorizer)
            }
            outcome.rowsRead = max(stepped, statement.takeFullScanSteps())
            outcome.rowsWritten = Int(connection.totalChanges - changesBefore)
            executed += 1
            if isLast {
                outcome.columns = statement.columnNames
                return outcome
            }
            remaining = prepared.tail
        }
    }

    // MARK: - Helpers

    /// Prepares the first statement of `sql` (cached), translating errors.
    private static func prepareFirst(_ sql: String, on connection: SQLiteConnection, authorizer: D1Authorizer)
        throws(D1Error) -> (statement: SQLiteStatement?, tail: String)
    {
        authorizer.refusedTransaction = false
        do {
            return try connection.prepareFirst(sql, cache: true)
        } catch {
            throw translate(error, authorizer)
        }
    }

    /// Runs `body` with the writer or a reader connection and its authorizer, mapping every error to a `D1Error`.
    func withConnection<T>(
        writer: Bool, _ body: (SQLiteConnection, D1Authorizer) throws(D1Error) -> T
    ) throws(D1Error) -> T {
        do {
            let work = { (connection: SQLiteConnection) throws -> T in
                guard let authorizer = connection.authorizer as? D1Authorizer else {
                    throw D1Error(.query, "internal error: connection without D1 authorizer")
                }
                return try body(connection, authorizer)
            }
            return writer ? try database.write(work) : try database.read(work)
        } catch let error as D1Error {
            throw error
        } catch let error as SQLiteError {
            throw D1Error(.query, error.description)
        } catch {
            throw D1Error(.query, String(describing: error))
        }
    }

    /// Runs the engine's own SQL with the authorizer out of the way.
    func trusted<T>(_ authorizer: D1Authorizer, _ body: () throws(SQLiteError) -> T) throws(D1Error) -> T {
        authorizer.trusted = true
        defer { authorizer.trusted = false }
        do {
            return try body()
        } catch {
            throw D1Error(.query, error.description)
        }
    }

    /// The size of the last committed state the connection saw: the size cached on the connection while
    /// its data version is unchanged, else `sizeOf` (cached with the data version it was measured at).
    /// Only valid outside a transaction or before the transaction's first change.
    private func committedSize(_ connection: SQLiteConnection, _ authorizer: D1Authorizer) throws(D1Error) -> Int {
        if let cached = connection.sizeCache, cached.dataVersion == connection.dataVersion { return cached.size }
        let size = try sizeOf(connection, authorizer)
        connection.sizeCache = connection.dataVersion.map { ($0, size) }
        return size
    }

    /// `(page_count − freelist_count) × page_size` of the connection's database.
    private func sizeOf(_ connection: SQLiteConnection, _ authorizer: D1Authorizer) throws(D1Error) -> Int {
        let rows = try trusted(authorizer) { () throws(SQLiteError) in
            try connection.query(
                "SELECT (p.page_count - f.freelist_count) * s.page_size "
                    + "FROM pragma_page_count() p, pragma_freelist_count() f, pragma_page_size() s")
        }
        guard case .integer(let size) = rows.first?.first else { return 0 }
        return Int(size)
    }

    /// Retries `body` while SQLite reports the database busy (another process writing), up to about a minute
    /// on top of each attempt's `busy_timeout`.
    private func retryingBusy<T>(_ body: () throws(D1Error) -> T) throws(D1Error) -> T {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch {
                attempt += 1
                guard error.isBusy, attempt < 60 else { throw error }
                Thread.sleep(forTimeInterval: 0.005 * Double(min(attempt, 20)))
            }
        }
    }

    /// The D1 error for a SQLite error: workerd's long message for refused transactions, else
    /// `D1_ERROR: <message>[ at offset N]: SQLITE_X[ (extended: SQLITE_Y)]`.
    static func translate(_ error: SQLiteError, _ authorizer: D1Authorizer) -> D1Error {
        let refused =
            error.code == SQLITE_AUTH || error.message == "not authorized"
            || (error.message.hasPrefix("access to ") && error.message.hasSuffix(" is prohibited"))
        if refused {
            // workerd reports every refusal alike; SQLite words column reads differently.
            return D1Error(
                .query, authorizer.refusedTransaction ? D1Authorizer.transactionMessage : "not authorized: SQLITE_AUTH")
        }
        return D1Error(.query, error.description)
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
