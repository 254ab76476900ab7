import CSQLite

/// A run-time limit of a connection (`sqlite3_limit`).
public enum SQLiteLimit: Sendable, CaseIterable {
    /// Largest string or BLOB or row, in bytes (`SQLITE_LIMIT_LENGTH`).
    case length
    /// Longest SQL text, in bytes (`SQLITE_LIMIT_SQL_LENGTH`).
    case sqlLength
    /// Most columns in a table, index, view or result (`SQLITE_LIMIT_COLUMN`).
    case column
    /// Deepest expression tree (`SQLITE_LIMIT_EXPR_DEPTH`).
    case exprDepth
    /// Most terms in a compound SELECT (`SQLITE_LIMIT_COMPOUND_SELECT`).
    case compoundSelect
    /// Most arguments to a function (`SQLITE_LIMIT_FUNCTION_ARG`).
    case functionArg
    /// Most attached databases (`SQLITE_LIMIT_ATTACHED`).
    case attached
    /// Longest LIKE or GLOB pattern, in bytes (`SQLITE_LIMIT_LIKE_PATTERN_LENGTH`).
    case likePatternLength
    /// Largest parameter number (`SQLITE_LIMIT_VARIABLE_NUMBER`).
    case variableNumber
    /// Deepest trigger recursion (`SQLITE_LIMIT_TRIGGER_DEPTH`).
    case triggerDepth

    package var code: Int32 {
        switch self {
        case .length: SQLITE_LIMIT_LENGTH
        case .sqlLength: SQLITE_LIMIT_SQL_LENGTH
        case .column: SQLITE_LIMIT_COLUMN
        case .exprDepth: SQLITE_LIMIT_EXPR_DEPTH
        case .compoundSelect: SQLITE_LIMIT_COMPOUND_SELECT
        case .functionArg: SQLITE_LIMIT_FUNCTION_ARG
        case .attached: SQLITE_LIMIT_ATTACHED
        case .likePatternLength: SQLITE_LIMIT_LIKE_PATTERN_LENGTH
        case .variableNumber: SQLITE_LIMIT_VARIABLE_NUMBER
        case .triggerDepth: SQLITE_LIMIT_TRIGGER_DEPTH
        }
    }
}

extension SQLiteConnection {
    /// Sets `limit` to `value` and returns the previous value (`sqlite3_limit`).
    @discardableResult
    public func setLimit(_ limit: SQLiteLimit, _ value: Int) -> Int {
        Int(sqlite3_limit(handle, limit.code, Int32(clamping: value)))
    }

    /// The current value of `limit`.
    public func limit(_ limit: SQLiteLimit) -> Int {
        Int(sqlite3_limit(handle, limit.code, -1))
    }
}
