import Foundation

extension D1Query {
    /// miniflare's filter `/^\\s+--.*/gm`: whitespace-led `--` lines are dropped before a query is run.
    private static let indentedComment = try? NSRegularExpression(
        pattern: "^\\s+--.*", options: [.anchorsMatchLines])

    /// `queries` without the empty ones (miniflare's filter), or `No SQL statements detected.`.
    package static func nonEmpty(_ queries: [D1Query]) throws(D1Error) -> [D1Query] {
        if !queries.isEmpty, queries.allSatisfy({ startsWithStatement($0.sql) }) { return queries }
        let queries = queries.filter { !isEmptyQuery($0.sql) }
        guard !queries.isEmpty else { throw D1Error(.query, "No SQL statements detected.") }
        return queries
    }

    /// Whether the first character of `sql` after ASCII whitespace is ASCII and neither `-` nor
    /// whitespace: such text is never empty for `isEmptyQuery` (no `--` comment can precede
    /// that character), which is then skipped along with its regular expression.
    private static func startsWithStatement(_ sql: String) -> Bool {
        for byte in sql.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C: continue
            case UInt8(ascii: "-"): return false
            default: return byte < 0x80
            }
        }
        return false
    }

    /// Whether miniflare would drop `sql` as empty: nothing but whitespace once every whitespace-led
    /// `--` comment line is removed. (A `--` comment at the very start of the text is kept, so SQLite then
    /// reports `SQL code did not contain a statement.`)
    package static func isEmptyQuery(_ sql: String) -> Bool {
        var text = sql
        if text.contains("--"), let indentedComment {
            text = indentedComment.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        }
        return text.allSatisfy(\.isWhitespace)
    }
}
