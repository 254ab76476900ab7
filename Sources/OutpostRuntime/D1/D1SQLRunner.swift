package import Outpost
import OutpostSQLite

/// Runs SQL text the way `wrangler d1 execute --local` does: line endings normalized outside quotes,
/// the transaction stripped, split into statements (`SQLSplitter`), all of them run as one atomic batch
/// on the database's storage.
///
/// One deliberate difference: statements that are only comments (a file of comments, a trailing
/// `-- note`) are not sent, so they run nothing instead of failing with `SQL code did not contain a
/// statement.` (wrangler issues #3892, #5176).
package enum D1SQLRunner {
    /// The results of running `sql` on `storage`, one per statement sent.
    package static func execute(_ sql: String, on storage: any D1Storage) async throws -> [D1QueryResult] {
        let queries = try queries(sql)
        if queries.isEmpty { return [] }
        return try await storage.execute(queries, sessionToken: nil).results
    }

    /// The queries wrangler sends for `sql` (comment-only statements left out).
    package static func queries(_ sql: String) throws -> [D1Query] {
        try SQLSplitter.statements(sql).filter { !SQLSplitter.isCommentOnly($0) }.map { D1Query(sql: $0) }
    }

    /// wrangler's `--json` output: `[{"results": [...], "success": true, "meta": {"duration": n}}, ...]`,
    /// indented by two spaces; BLOBs are shown as `"[1, 2, 3]"`.
    package static func json(_ results: [D1QueryResult]) -> String {
        let value = JSONValue.array(
            results.map { result in
                .object(
                    JSONObject([
                        ("results", .array(result.rows.map { .object(row($0, columns: result.columns)) })),
                        ("success", .bool(true)),
                        ("meta", .object(JSONObject([("duration", .number(result.meta.duration))]))),
                    ]))
            })
        return value.prettyPrinted
    }

    /// The human output: `🚣 N command(s) executed successfully.` and a table per result that has rows.
    package static func text(_ results: [D1QueryResult]) -> String {
        let count = results.count
        var parts = ["🚣 \(count) command\(count == 1 ? "" : "s") executed successfully."]
        for result in results where !result.columns.isEmpty && !result.rows.isEmpty {
            let rows = result.rows.map { $0.map(cellText) }
            parts.append(TextTable.render(columns: result.columns, rows: rows))
        }
        return parts.joined(separator: "\n")
    }

    /// A row as wrangler shows it: later duplicate columns win, BLOBs become `"[1, 2, 3]"`.
    static func row(_ values: [D1Value], columns: [String]) -> JSONObject {
        JSONObject(
            zip(columns, values).map { column, value in
                if case .blob(let bytes) = value { return (column, .string(blobText(bytes))) }
                return (column, value.json)
            })
    }

    static func cellText(_ value: D1Value) -> String {
        switch value {
        case .null: "null"
        case .integer(let number): String(number)
        case .real: value.json.serialized
        case .text(let text): text
        case .blob(let bytes): blobText(bytes)
        }
    }

    static func blobText(_ bytes: [UInt8]) -> String {
        "[" + bytes.map(String.init).joined(separator: ", ") + "]"
    }
}
