/// What a D1 statement did: timing, changes, rowids, size. JS equivalent: `D1Result.meta` (`D1Meta`).
///
/// The storage engine fills it in; see `D1Engine` (OutpostSQLite) for how each field is computed.
public struct D1Meta: Sendable, Equatable, Codable {
    /// Who answered. JS equivalent: `meta.served_by`.
    public var servedBy: String
    /// Milliseconds the statement took. JS equivalent: `meta.duration`.
    public var duration: Double
    /// Rows changed, triggers included. JS equivalent: `meta.changes`.
    public var changes: Int
    /// The connection's last inserted rowid after the statement. JS equivalent: `meta.last_row_id`.
    public var lastRowID: Int
    /// Whether the statement changed the database. JS equivalent: `meta.changed_db`.
    public var changedDB: Bool
    /// The database size in bytes after the statement. JS equivalent: `meta.size_after`.
    public var sizeAfter: Int
    /// Rows read (approximate). JS equivalent: `meta.rows_read`.
    public var rowsRead: Int
    /// Rows written (approximate). JS equivalent: `meta.rows_written`.
    public var rowsWritten: Int

    /// A meta with every field given.
    /// JS equivalent: none (the D1 service builds `meta`).
    public init(
        servedBy: String, duration: Double, changes: Int, lastRowID: Int, changedDB: Bool, sizeAfter: Int,
        rowsRead: Int, rowsWritten: Int
    ) {
        self.servedBy = servedBy
        self.duration = duration
        self.changes = changes
        self.lastRowID = lastRowID
        self.changedDB = changedDB
        self.sizeAfter = sizeAfter
        self.rowsRead = rowsRead
        self.rowsWritten = rowsWritten
    }

    enum CodingKeys: String, CodingKey {
        case servedBy = "served_by"
        case duration
        case changes
        case lastRowID = "last_row_id"
        case changedDB = "changed_db"
        case sizeAfter = "size_after"
        case rowsRead = "rows_read"
        case rowsWritten = "rows_written"
    }

    /// The meta as the JS object, keys in miniflare's order. JS equivalent: `result.meta`.
    public var json: JSONValue {
        .object(
            JSONObject([
                ("served_by", .string(servedBy)),
                ("duration", .number(duration)),
                ("changes", .number(Double(changes))),
                ("last_row_id", .number(Double(lastRowID))),
                ("changed_db", .bool(changedDB)),
                ("size_after", .number(Double(sizeAfter))),
                ("rows_read", .number(Double(rowsRead))),
                ("rows_written", .number(Double(rowsWritten))),
            ]))
    }
}
