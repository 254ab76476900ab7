import Foundation
import Outpost
import Synchronization

/// A SQLite file shared by many threads: one serial writer (one connection behind a lock, fed by one
/// writer thread) and a pool of reader connections (WAL: readers never wait for the writer).
///
/// The async `reading`/`writing` follow `StorageExecutor`'s model: on an accept thread (or a storage
/// thread) they run inline; from anywhere else — the cooperative pool — reads run on the file's reader
/// threads and writes on its one writer thread, so waiting for a lock (`busy_timeout`) never holds a
/// pool thread. The synchronous `read`/`write` run on the calling thread, for callers already on a
/// thread that may block.
public final class SQLiteDatabase: Sendable {
    /// The file path.
    public let path: String
    private let writer: Mutex<SQLiteConnectionBox>
    private let readers = SQLiteReaderSlots()
    private let options: SQLiteConnection.Options
    private let setup: @Sendable (SQLiteConnection) throws -> Void
    /// The file's serial writer: one thread, so writes from the pool queue here, not on pool threads.
    private let writeExecutor: StorageExecutor
    /// Where reads from the pool run.
    private let readExecutor: StorageExecutor

    /// Opens the file at `path` (created if missing). `setup` runs on every new connection (pragmas,
    /// functions, authorizers); `schema` runs once on the writer (CREATE TABLE IF NOT EXISTS …).
    /// Reads from the pool run on up to `readerThreads` threads of the file's own.
    public init(
        path: String,
        options: SQLiteConnection.Options = SQLiteConnection.Options(),
        schema: String? = nil,
        readerThreads: Int = 2,
        setup: @escaping @Sendable (SQLiteConnection) throws -> Void = { _ in }
    ) throws {
        self.path = path
        self.options = options
        self.setup = setup
        let connection = try SQLiteConnection(path: path, options: options)
        if let schema { try connection.executeRetryingWhileBusy(schema, forMs: options.busyTimeoutMs) }
        try setup(connection)
        writer = Mutex(SQLiteConnectionBox(connection))
        let file = (path as NSString).lastPathComponent
        writeExecutor = StorageExecutor(name: "sqlite writer \(file)", threads: 1)
        readExecutor = StorageExecutor(name: "sqlite reader \(file)", threads: readerThreads)
    }

    /// Runs `body` with the writer connection on the calling thread, holding the write lock.
    public func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try writer.withLock { box in try body(box.connection) }
    }

    /// Runs `body` with a reader connection (taken from the pool or opened) on the calling thread,
    /// without the write lock.
    public func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let loan = try readers.borrow(open: openReader)
        defer { readers.giveBack(loan) }
        return try body(loan.box.connection)
    }

    /// `write(body)` inline on a thread that may block, else on the file's writer thread.
    public func writing<T>(_ body: (SQLiteConnection) throws -> T) async throws -> T {
        try await writeExecutor.run { () throws -> T in try self.write(body) }
    }

    /// `read(body)` inline on a thread that may block, else on one of the file's reader threads.
    public func reading<T>(_ body: (SQLiteConnection) throws -> T) async throws -> T {
        try await readExecutor.run { () throws -> T in try self.read(body) }
    }

    /// Runs `body` (which may use `read` and `write`) where a write may block: inline on a thread that
    /// may block, else on the file's writer thread.
    package func onWriter<T, E: Error>(_ body: () throws(E) -> T) async throws(E) -> T {
        try await writeExecutor.run(body)
    }

    /// Runs `body` (which may use `read`) where a read may block: inline on a thread that may block,
    /// else on one of the file's reader threads.
    package func onReader<T, E: Error>(_ body: () throws(E) -> T) async throws(E) -> T {
        try await readExecutor.run(body)
    }

    private func openReader() throws -> SQLiteConnectionBox {
        var readerOptions = options
        readerOptions.wal = false
        let connection = try SQLiteConnection(path: path, options: readerOptions)
        try connection.execute("PRAGMA query_only=ON")
        try setup(connection)
        return SQLiteConnectionBox(connection)
    }
}

/// Moves a connection between threads; safe because `SQLiteReaderSlots` (or the writer's lock) lends
/// it to one thread at a time.
package final class SQLiteConnectionBox: @unchecked Sendable {
    package let connection: SQLiteConnection
    package init(_ connection: SQLiteConnection) { self.connection = connection }
}
