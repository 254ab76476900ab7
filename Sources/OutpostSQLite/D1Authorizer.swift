import CSQLite

/// D1's statement authorizer, one per connection: refuses what workerd refuses.
///
/// Transactions (`BEGIN`, `COMMIT`, `SAVEPOINT`, …) are refused with workerd's long message (see
/// `transactionMessage`); `ATTACH`/`DETACH`, pragmas outside D1's allowlist, pragma table-valued
/// functions and any access to `_cf_*` tables are refused as `not authorized: SQLITE_AUTH`. The engine
/// sets `trusted` around its own statements (transactions, size pragmas, export).
package final class D1Authorizer: SQLiteAuthorizer {
    /// workerd's message for SQL transaction statements.
    package static let transactionMessage =
        "To execute a transaction, please use the state.storage.transaction() or state.storage.transactionSync() "
        + "APIs instead of the SQL BEGIN TRANSACTION or SAVEPOINT statements. The JavaScript API is safer because "
        + "it will automatically roll back on exceptions, and because it interacts correctly with Durable Objects' "
        + "automatic atomic write coalescing."

    /// Pragmas allowed with or without an argument.
    static let allowedPragmas: Set<String> = [
        "table_list", "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list",
        "foreign_key_check", "quick_check", "optimize", "data_version",
    ]
    /// Boolean pragmas a worker may read or toggle.
    static let togglePragmas: Set<String> = [
        "foreign_keys", "defer_foreign_keys", "case_sensitive_like", "ignore_check_constraints",
        "legacy_alter_table", "recursive_triggers", "reverse_unordered_selects",
    ]

    /// Whether the engine itself is running statements (everything allowed).
    var trusted = false
    /// Set when a transaction statement was refused since the flag was last cleared.
    var refusedTransaction = false

    package func authorize(action: Int32, _ first: String?, _ second: String?, database: String?, trigger: String?)
        -> Int32
    {
        if trusted { return SQLITE_OK }
        switch action {
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
            refusedTransaction = true
            return SQLITE_DENY
        case SQLITE_ATTACH, SQLITE_DETACH:
            return SQLITE_DENY
        case SQLITE_PRAGMA:
            return Self.pragmaAllowed(first?.lowercased() ?? "", argument: second) ? SQLITE_OK : SQLITE_DENY
        case SQLITE_FUNCTION:
            return SQLITE_OK
        case SQLITE_CREATE_INDEX, SQLITE_CREATE_TEMP_INDEX, SQLITE_DROP_INDEX, SQLITE_DROP_TEMP_INDEX,
            SQLITE_CREATE_TRIGGER, SQLITE_CREATE_TEMP_TRIGGER, SQLITE_DROP_TRIGGER, SQLITE_DROP_TEMP_TRIGGER,
            SQLITE_ALTER_TABLE:
            return Self.isInternal(first) || Self.isInternal(second) ? SQLITE_DENY : SQLITE_OK
        case SQLITE_READ:
            if let table = first?.lowercased(), table.hasPrefix("pragma_") { return SQLITE_DENY }
            return Self.isInternal(first) ? SQLITE_DENY : SQLITE_OK
        default:
            return Self.isInternal(first) ? SQLITE_DENY : SQLITE_OK
        }
    }

    /// Whether `name` is a workerd-internal table (`_cf_…`, any case).
    package static func isInternal(_ name: String?) -> Bool {
        guard let name else { return false }
        return name.lowercased().hasPrefix("_cf_")
    }

    /// D1's pragma allowlist: `page_size` only without an argument.
    package static func pragmaAllowed(_ name: String, argument: String?) -> Bool {
        if allowedPragmas.contains(name) || togglePragmas.contains(name) { return true }
        return name == "page_size" && argument == nil
    }
}
