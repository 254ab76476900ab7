import CSQLite
import Foundation
import Glibc
public import Outpost

/// One SQLite connection with a prepared-statement cache.
///
/// Not thread-safe by itself: a connection is used by one thread at a time (see `SQLiteDatabase`,
/// which hands connections out under locks).
public final class SQLiteConnection {
    /// How to open a connection.
    public struct Options: Sendable {
        /// Open read-only.
        public var readOnly = false
        /// Milliseconds a statement waits for another writer before `SQLITE_BUSY`.
        public var busyTimeoutMs: Int32 = 10_000
        /// Whether `PRAGMA foreign_keys` is on.
        public var foreignKeys = false
        /// Put the database in WAL mode (readers never block the writer and vice versa).
        public var wal = true
        /// `PRAGMA synchronous`: NORMAL in WAL survives a process crash (kill -9); FULL also survives power loss.
        public var synchronous = "NORMAL"

        /// Defaults: read-write, WAL, NORMAL sync, 10 s busy timeout, foreign keys off.
        public init() {}
    }

    /// The `PRAGMA mmap_size` the KV and D1 stores set on their connections: reads go through a shared
    /// memory map instead of `pread` into each connection's page cache, so a read of a file larger than
    /// the page cache costs no system call and no copy per page. Pages still in the WAL are read from it.
    static let mmapSize = 1 << 30

    /// The raw `sqlite3*`.
    package let handle: OpaquePointer
    /// The file path.
    public let path: String
    /// The authorizer installed with `setAuthorizer`, kept alive as long as the connection.
    var authorizerBox: SQLiteAuthorizerBox?
    /// The connection's one prepared-statement cache (`cached`, `prepareFirst(_:cache:)`), bounded.
    var statements = SQLiteStatementCache()
    /// The database size in bytes last measured on this connection and the `dataVersion` it was measured
    /// at: still the size while the data version is the same (see `D1Engine`).
    var sizeCache: (dataVersion: UInt32, size: Int)?

    /// Opens (creating when allowed) the database at `path`; creates missing parent directories.
    public init(path: String, options: Options = Options()) throws(SQLiteError) {
        self.path = path
        SQLiteLibrary.configure()
        if !options.readOnly, path != ":memory:" {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                // State is private: directories 0700, the database 0600 (SQLite gives its -wal and -shm
                // files the database's mode), whatever the umask.
                try? FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            let created = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if created >= 0 { Glibc.close(created) }
        }
        var connection: OpaquePointer?
        let flags =
            (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX
        let result = sqlite3_open_v2(path, &connection, flags, nil)
        guard result == SQLITE_OK, let connection else {
            let error = SQLiteError(connection: connection, fallback: result)
            sqlite3_close_v2(connection)
            throw error
        }
        handle = connection
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, options.busyTimeoutMs)
        // Switching a new file to WAL while another process opens it too can be refused SQLITE_BUSY
        // at once, without the busy handler: wait and ask again, within the busy timeout.
        if options.wal, !options.readOnly {
            try executeRetryingWhileBusy("PRAGMA journal_mode=WAL", forMs: options.busyTimeoutMs)
        }
        try execute("PRAGMA synchronous=\(options.synchronous)")
        try execute("PRAGMA foreign_keys=\(options.foreignKeys ? "ON" : "OFF")")
    }

    deinit {
        statements.removeAll()
        if authorizerBox != nil { sqlite3_set_authorizer(handle, nil, nil) }
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements without parameters or results.
    public func execute(_ sql: String) throws(SQLiteError) {
        let result = sqlite3_exec(handle, sql, nil, nil, nil)
        guard result == SQLITE_OK else { throw SQLiteError(connection: handle, fallback: result) }
    }

    /// Runs `sql` like `execute`, again after a pause each time it is refused SQLITE_BUSY, for up to
    /// `milliseconds` — for the statements SQLite refuses at once when waiting could deadlock (a new
    /// file's switch to WAL, a schema created by two processes at once), whose retry is safe.
    public func executeRetryingWhileBusy(_ sql: String, forMs milliseconds: Int32) throws(SQLiteError) {
        let deadline = ContinuousClock.now + .milliseconds(milliseconds)
        var pauseMicros: UInt32 = 1_000
        while true {
            do {
                return try execute(sql)
            } catch {
                guard error.isBusy, ContinuousClock.now < deadline else { throw error }
                usleep(pauseMicros)
                pauseMicros = min(pauseMicros * 2, 50_000)
            }
        }
    }

    /// Prepares the first statement of `sql` (uncached); `tail` receives the unparsed rest.
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let result = sqlite3_prepare_v3(handle, sql, -1, 0, &statement, nil)
        guard result == SQLITE_OK else { throw SQLiteError(connection: handle, fallback: result) }
        guard let statement else {
            throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "SQL code did not contain a statement.")
        }
        return SQLiteStatement(handle: statement, connection: handle)
    }

    /// A cached prepared statement for the first statement of `sql`, reset and ready to bind.
    public func cached(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        guard let statement = try prepareFirst(sql, cache: true).statement else {
            throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "SQL code did not contain a statement.")
        }
        return statement
    }

    /// Runs a cached statement with `parameters` and returns every row.
    @discardableResult
    public func query(_ sql: String, _ parameters: [D1Value] = []) throws(SQLiteError) -> [[D1Value]] {
        let statement = try cached(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        return try statement.allRows()
    }

    /// Runs `body` in a transaction (`BEGIN IMMEDIATE` … `COMMIT`), rolling back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Rows changed by the last statement (`sqlite3_changes64`).
    public var changes: Int64 { sqlite3_changes64(handle) }
    /// Rows changed since the connection opened (`sqlite3_total_changes64`).
    public var totalChanges: Int64 { sqlite3_total_changes64(handle) }
    /// The last inserted rowid (`sqlite3_last_insert_rowid`).
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// The data version of the main database (`SQLITE_FCNTL_DATA_VERSION`), or `nil` when unavailable.
    /// It changes with every commit, by this connection or any other (seen when a read transaction
    /// starts); within a write transaction it does not change until `COMMIT`.
    var dataVersion: UInt32? {
        var version: UInt32 = 0
        guard sqlite3_file_control(handle, "main", SQLITE_FCNTL_DATA_VERSION, &version) == SQLITE_OK else {
            return nil
        }
        return version
    }

    /// Whether the connection is inside an explicit transaction.
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }
}

/// Process-wide SQLite settings, applied once before the first connection opens.
enum SQLiteLibrary {
    private static let configured: Void = {
        // Memory statistics take a global mutex on every allocation of every connection; the
        // accept threads' reads would contend on it. Fails harmlessly if SQLite is already initialized.
        _ = outpost_sqlite3_disable_memstatus()
    }()

    static func configure() { _ = configured }
}
