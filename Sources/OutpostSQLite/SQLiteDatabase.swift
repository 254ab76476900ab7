import Foundation
import Synchronization

/// A SQLite file shared by many threads: one writer connection behind a lock, and a pool of reader
/// connections (WAL: readers never wait for the writer).
public final class SQLiteDatabase: Sendable {
    /// The file path.
    public let path: String
    private let writer: Mutex<SQLiteConnectionBox>
    private let readers: Mutex<[SQLiteConnectionBox]>
    private let options: SQLiteConnection.Options
    private let setup: @Sendable (SQLiteConnection) throws -> Void

    /// Opens the file at `path` (created if missing). `setup` runs on every new connection (pragmas,
    /// functions, authorizers); `schema` runs once on the writer (CREATE TABLE IF NOT EXISTS …).
    public init(
        path: String,
        options: SQLiteConnection.Options = SQLiteConnection.Options(),
        schema: String? = nil,
        setup: @escaping @Sendable (SQLiteConnection) throws -> Void = { _ in }
    ) throws {
        self.path = path
        self.options = options
        self.setup = setup
        let connection = try SQLiteConnection(path: path, options: options)
        if let schema { try connection.execute(schema) }
        try setup(connection)
        writer = Mutex(SQLiteConnectionBox(connection))
        readers = Mutex([])
    }

    /// Runs `body` with the writer connection, holding the write lock.
    public func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try writer.withLock { box in try body(box.connection) }
    }

    /// Runs `body` with a reader connection (taken from the pool or opened), without the write lock.
    public func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let box = try readers.withLock { $0.popLast() } ?? openReader()
        defer { readers.withLock { $0.append(box) } }
        return try body(box.connection)
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

/// Moves a connection between threads; safe because `SQLiteDatabase` only lends it under a lock.
final class SQLiteConnectionBox: @unchecked Sendable {
    let connection: SQLiteConnection
    init(_ connection: SQLiteConnection) { self.connection = connection }
}
