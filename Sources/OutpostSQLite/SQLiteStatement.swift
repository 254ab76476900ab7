import CSQLite
public import Outpost

/// A prepared statement on one connection. Not thread-safe: use it from the thread that holds its connection.
public final class SQLiteStatement {
    /// The raw `sqlite3_stmt`.
    package let handle: OpaquePointer
    private let connection: OpaquePointer

    init(handle: OpaquePointer, connection: OpaquePointer) {
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// The number of `?` parameters (the largest `?NNN` index).
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The result column names, in order (duplicates kept).
    public var columnNames: [String] {
        (0..<Int32(columnCount)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }

    /// Whether the statement only reads (`sqlite3_stmt_readonly`).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// The SQL text of the statement.
    public var sql: String { String(cString: sqlite3_sql(handle)) }

    /// Whether the statement's text starts with the keyword `PRAGMA`, learnt at the first use (a prepared
    /// statement's text never changes, and a cached one is asked on every run).
    package private(set) lazy var isPragma: Bool = D1SQLText.isPragma(sql)

    /// Resets the statement and clears its bindings, ready for a new run.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds `values` to parameters 1…n.
    public func bind(_ values: [D1Value]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Binds `value` to the 1-based parameter `index`.
    public func bind(_ value: D1Value, at index: Int32) throws(SQLiteError) {
        let result: Int32
        switch value {
        case .null: result = sqlite3_bind_null(handle, index)
        case .integer(let number): result = sqlite3_bind_int64(handle, index, number)
        case .real(let number): result = sqlite3_bind_double(handle, index, number)
        case .text(let text):
            result =
                text.utf8.withContiguousStorageIfAvailable { buffer in
                    sqlite3_bind_text(
                        handle, index,
                        buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                        Int32(buffer.count), SQLITE_TRANSIENT)
                } ?? sqlite3_bind_text(handle, index, text, -1, SQLITE_TRANSIENT)
        case .blob(let bytes):
            result = bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob64(
                    handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), sqlite3_uint64(buffer.count),
                    SQLITE_TRANSIENT)
            }
        }
        guard result == SQLITE_OK else { throw SQLiteError(connection: connection, fallback: result) }
    }

    /// Advances to the next row: `true` when a row is ready, `false` when done.
    public func step() throws(SQLiteError) -> Bool {
        let result = sqlite3_step(handle)
        switch result {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError(connection: connection, fallback: result)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// The value of column `index` of the current row.
    public func value(at index: Int32) -> D1Value {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT: return .text(text(at: index) ?? "")
        case SQLITE_BLOB: return .blob(bytes(at: index))
        default: return .null
        }
    }

    /// Column `index` as text, or `nil` when NULL.
    public func text(at index: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Column `index` as bytes (empty when NULL).
    public func bytes(at index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, index))
        guard count > 0, let pointer = sqlite3_column_blob(handle, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Column `index` as an integer.
    public func int64(at index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// Whether column `index` is NULL.
    public func isNull(at index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// Every remaining row as values.
    public func allRows() throws(SQLiteError) -> [[D1Value]] {
        var rows: [[D1Value]] = []
        let count = Int32(columnCount)
        while try step() {
            rows.append((0..<count).map { value(at: $0) })
        }
        return rows
    }
}

/// SQLite's "copy the value now" destructor.
let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension SQLiteStatement {
    /// Full-scan steps since the last call (`SQLITE_STMTSTATUS_FULLSCAN_STEP`, reset on read).
    public func takeFullScanSteps() -> Int {
        Int(sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1))
    }
}
