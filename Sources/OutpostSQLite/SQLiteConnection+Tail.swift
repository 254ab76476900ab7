import CSQLite

extension SQLiteConnection {
    /// Prepares the first statement of `sql` and returns it with the SQL text after it; the statement
    /// is `nil` when `sql` holds only whitespace and comments. With `cache`, the statement is kept
    /// (reset, ready to bind) for the next call with the same text.
    public func prepareFirst(_ sql: String, cache: Bool) throws(SQLiteError) -> (
        statement: SQLiteStatement?, tail: String
    ) {
        if cache, let entry = statements.lookup(sql) {
            entry.statement.reset()
            return (entry.statement, entry.tail)
        }
        var statement: OpaquePointer?
        var tailOffset = 0
        let flags = cache ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let utf8 = Array(sql.utf8CString)
        let result = utf8.withUnsafeBufferPointer { buffer -> Int32 in
            var tail: UnsafePointer<CChar>?
            let base = buffer.baseAddress!
            let code = sqlite3_prepare_v3(handle, base, Int32(buffer.count - 1), flags, &statement, &tail)
            if let tail { tailOffset = base.distance(to: tail) }
            return code
        }
        guard result == SQLITE_OK else { throw SQLiteError(connection: handle, fallback: result) }
        let tailBytes = utf8[tailOffset..<(utf8.count - 1)].map { UInt8(bitPattern: $0) }
        let tail = String(decoding: tailBytes, as: UTF8.self)
        guard let statement else { return (nil, tail) }
        let prepared = SQLiteStatement(handle: statement, connection: handle)
        if cache { statements.insert(prepared, tail: tail, for: sql) }
        return (prepared, tail)
    }
}
