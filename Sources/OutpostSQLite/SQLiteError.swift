import CSQLite

/// An error reported by SQLite, with its primary and extended result codes.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (`sqlite3_extended_errcode`); its low byte is the primary code.
    public let extendedCode: Int32
    /// SQLite's message (`sqlite3_errmsg`).
    public let message: String
    /// The byte offset in the SQL where the error was found (`sqlite3_error_offset`), if any.
    public let offset: Int?

    /// An error with the given parts.
    public init(extendedCode: Int32, message: String, offset: Int? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.offset = offset
    }

    /// An error read off a connection after a failed call.
    init(connection: OpaquePointer?, fallback: Int32) {
        if let connection {
            let code = sqlite3_extended_errcode(connection)
            extendedCode = code == 0 ? fallback : code
            message = String(cString: sqlite3_errmsg(connection))
            let position = sqlite3_error_offset(connection)
            offset = position >= 0 ? Int(position) : nil
        } else {
            extendedCode = fallback
            message = String(cString: sqlite3_errstr(fallback))
            offset = nil
        }
    }

    /// The primary result code (`SQLITE_CONSTRAINT` for `SQLITE_CONSTRAINT_UNIQUE`).
    public var code: Int32 { extendedCode & 0xFF }

    /// The primary code's name, e.g. `SQLITE_CONSTRAINT`.
    public var codeName: String { SQLiteResultCode.name(of: code) }

    /// The extended code's name, e.g. `SQLITE_CONSTRAINT_UNIQUE`, or `nil` when it is just the primary code.
    public var extendedCodeName: String? {
        extendedCode == code ? nil : SQLiteResultCode.name(of: extendedCode)
    }

    /// Whether the database was busy or locked (another writer).
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    /// The text `print` and string interpolation show for this value.
    public var description: String {
        var text = message
        if let offset { text += " at offset \(offset)" }
        text += ": \(codeName)"
        if let extendedCodeName { text += " (extended: \(extendedCodeName))" }
        return text
    }
}

/// Names of SQLite result codes, as the C constants spell them.
public enum SQLiteResultCode {
    /// The constant name of `code`, e.g. `SQLITE_CONSTRAINT_UNIQUE`.
    public static func name(of code: Int32) -> String {
        names[code] ?? "SQLITE_UNKNOWN(\(code))"
    }

    private static let names: [Int32: String] = [
        0: "SQLITE_OK", 1: "SQLITE_ERROR", 2: "SQLITE_INTERNAL", 3: "SQLITE_PERM", 4: "SQLITE_ABORT",
        5: "SQLITE_BUSY", 6: "SQLITE_LOCKED", 7: "SQLITE_NOMEM", 8: "SQLITE_READONLY", 9: "SQLITE_INTERRUPT",
        10: "SQLITE_IOERR", 11: "SQLITE_CORRUPT", 12: "SQLITE_NOTFOUND", 13: "SQLITE_FULL", 14: "SQLITE_CANTOPEN",
        15: "SQLITE_PROTOCOL", 16: "SQLITE_EMPTY", 17: "SQLITE_SCHEMA", 18: "SQLITE_TOOBIG",
        19: "SQLITE_CONSTRAINT", 20: "SQLITE_MISMATCH", 21: "SQLITE_MISUSE", 22: "SQLITE_NOLFS", 23: "SQLITE_AUTH",
        24: "SQLITE_FORMAT", 25: "SQLITE_RANGE", 26: "SQLITE_NOTADB", 27: "SQLITE_NOTICE", 28: "SQLITE_WARNING",
        100: "SQLITE_ROW", 101: "SQLITE_DONE",
        // Extended codes.
        261: "SQLITE_BUSY_RECOVERY", 517: "SQLITE_BUSY_SNAPSHOT", 773: "SQLITE_BUSY_TIMEOUT",
        262: "SQLITE_LOCKED_SHAREDCACHE", 518: "SQLITE_LOCKED_VTAB",
        264: "SQLITE_READONLY_RECOVERY", 520: "SQLITE_READONLY_CANTLOCK", 776: "SQLITE_READONLY_ROLLBACK",
        1032: "SQLITE_READONLY_DBMOVED", 1288: "SQLITE_READONLY_CANTINIT", 1544: "SQLITE_READONLY_DIRECTORY",
        516: "SQLITE_ABORT_ROLLBACK",
        266: "SQLITE_IOERR_READ", 522: "SQLITE_IOERR_SHORT_READ", 778: "SQLITE_IOERR_WRITE",
        1034: "SQLITE_IOERR_FSYNC", 3338: "SQLITE_IOERR_NOMEM",
        267: "SQLITE_CORRUPT_VTAB", 523: "SQLITE_CORRUPT_SEQUENCE", 779: "SQLITE_CORRUPT_INDEX",
        270: "SQLITE_CANTOPEN_NOTEMPDIR", 526: "SQLITE_CANTOPEN_ISDIR", 782: "SQLITE_CANTOPEN_FULLPATH",
        275: "SQLITE_CONSTRAINT_CHECK", 531: "SQLITE_CONSTRAINT_COMMITHOOK", 787: "SQLITE_CONSTRAINT_FOREIGNKEY",
        1043: "SQLITE_CONSTRAINT_FUNCTION", 1299: "SQLITE_CONSTRAINT_NOTNULL", 1555: "SQLITE_CONSTRAINT_PRIMARYKEY",
        1811: "SQLITE_CONSTRAINT_TRIGGER", 2067: "SQLITE_CONSTRAINT_UNIQUE", 2323: "SQLITE_CONSTRAINT_VTAB",
        2579: "SQLITE_CONSTRAINT_ROWID", 2835: "SQLITE_CONSTRAINT_PINNED", 3091: "SQLITE_CONSTRAINT_DATATYPE",
        279: "SQLITE_AUTH_USER", 283: "SQLITE_NOTICE_RECOVER_WAL", 539: "SQLITE_NOTICE_RECOVER_ROLLBACK",
        284: "SQLITE_WARNING_AUTOINDEX", 257: "SQLITE_ERROR_MISSING_COLLSEQ", 513: "SQLITE_ERROR_RETRY",
        769: "SQLITE_ERROR_SNAPSHOT",
    ]
}
