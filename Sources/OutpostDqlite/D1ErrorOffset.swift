import OutpostSQLite

/// Finds the `at offset N` part of a SQLite error that dqlite's FAILURE leaves out: the statement is
/// prepared again on a private in-memory SQLite (the same library, D1's limits), first bare (syntax
/// errors), then over a copy of the database's schema; when SQLite then reports the very message the
/// node did, its offset is the node's.
enum D1ErrorOffset {
    /// The schema query sent to the leader on the error path only.
    static let schemaSQL =
        "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        + "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 ELSE 2 END, rowid"

    /// The offset of `message` in `sql`, if a local prepare reproduces the message; `schema` is asked
    /// for the database's `CREATE` statements only when the bare prepare does not.
    static func offset(of message: String, in sql: String, schema: () -> [String]?) -> Int? {
        if let found = localError(sql, schema: []), found.message == message { return found.offset }
        guard let statements = schema(), let found = localError(sql, schema: statements), found.message == message
        else { return nil }
        return found.offset
    }

    private static func localError(_ sql: String, schema: [String]) -> SQLiteError? {
        guard let connection = try? SQLiteConnection(path: ":memory:") else { return nil }
        for (limit, value) in D1Engine.limits { connection.setLimit(limit, value) }
        for statement in schema { try? connection.execute(statement) }
        do {
            _ = try connection.prepare(sql)
            return nil
        } catch {
            return error
        }
    }
}
