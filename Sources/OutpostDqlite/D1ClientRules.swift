import Outpost
import OutpostSQLite

/// D1's authorizer rules, checked in the client before a statement is sent (dqlite's server offers no
/// authorizer hook), with the embedded engine's rule tables and messages (`D1Authorizer`).
///
/// The checks are lexical, so they are slightly stricter than SQLite's authorizer: any identifier
/// spelled `_cf_…` or `pragma_…` is refused, even as a column name or alias.
enum D1ClientRules {
    /// The error `statement` earns under D1's rules, or `nil` when it may be sent.
    static func refusal(of statement: D1StatementScanner.Statement) -> D1Error? {
        let notAuthorized = D1Error(.query, "not authorized: SQLITE_AUTH")
        switch statement.keyword {
        case "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE":
            return D1Error(.query, D1Authorizer.transactionMessage)
        case "ATTACH", "DETACH":
            return notAuthorized
        case "PRAGMA":
            guard let pragma = statement.pragma,
                D1Authorizer.pragmaAllowed(pragma.name, argument: pragma.hasArgument ? "" : nil)
            else { return notAuthorized }
        default:
            break
        }
        let touchesInternal = statement.identifiers.contains { D1Authorizer.isInternal($0) || $0.hasPrefix("pragma_") }
        return touchesInternal ? notAuthorized : nil
    }

    /// The statements of `query` checked against D1's parameter rules: only the last may have
    /// parameters, and it must have exactly as many as were bound.
    static func statements(of query: D1Query) throws(D1Error) -> [D1StatementScanner.Statement] {
        let statements = D1StatementScanner.statements(query.sql)
        guard let last = statements.last else {
            throw D1Error(.query, "SQL code did not contain a statement.")
        }
        for statement in statements.dropLast() where statement.parameterCount > 0 {
            if let refusal = refusal(of: statement) { throw refusal }
            throw D1Error(
                .query,
                "When executing multiple SQL statements in a single call, only the last statement can have parameters.")
        }
        if last.parameterCount != query.params.count, refusal(of: last) == nil {
            throw D1Error(.query, "Wrong number of parameter bindings for SQL query.")
        }
        return statements
    }
}
