import Foundation

/// Splits a SQL file into statements the way `wrangler d1 execute --file` does.
///
/// Quotes (`'`, `"`, `` ` ``), `$tag$` strings, `--` and `/* */` comments are kept whole; `;` inside a
/// `BEGIN … END` (trigger bodies) or `CASE … END` does not split. `BEGIN TRANSACTION;` and `COMMIT;`
/// are stripped first (once each), as D1 wraps the file in its own transaction.
public enum SQLSplitter {
    /// wrangler's message for a file that still has a transaction after stripping one.
    public static let severalTransactionsMessage =
        "Wrangler could not process the provided SQL file, as it contains several transactions.\n"
        + "D1 runs your SQL in a transaction for you.\n"
        + "Please export an SQL file from your SQLite database and try again."

    /// A file with more than one transaction.
    public struct SeveralTransactionsError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The error.
        public init() {}

        /// wrangler's message.
        public var description: String { SQLSplitter.severalTransactionsMessage }
    }

    /// `sql` without its first `BEGIN TRANSACTION;` and first `COMMIT;` (wrangler's `trimSqlQuery`);
    /// fails when another `BEGIN TRANSACTION` remains.
    public static func stripTransaction(_ sql: String) throws(SeveralTransactionsError) -> String {
        guard sql.contains("BEGIN TRANSACTION") else { return sql }
        var text = sql
        if let range = text.range(of: "BEGIN TRANSACTION;") { text.removeSubrange(range) }
        if let range = text.range(of: "COMMIT;") { text.removeSubrange(range) }
        if text.contains("BEGIN TRANSACTION") { throw SeveralTransactionsError() }
        return text
    }

    /// The statements of `sql` (trimmed, without their `;`), after stripping the transaction.
    public static func statements(_ sql: String) throws(SeveralTransactionsError) -> [String] {
        split(try stripTransaction(sql.replacingOccurrences(of: "\r\n", with: "\n")))
    }

    /// Whether `statement` holds nothing but whitespace, `;` and comments (wrangler would send it and
    /// SQLite would answer `SQL code did not contain a statement.`).
    public static func isCommentOnly(_ statement: String) -> Bool {
        D1SQLText.isBlank(statement)
    }

    /// wrangler's `splitSqlQuery`: the trimmed text itself when it holds at most one `;` at its end,
    /// else the non-empty trimmed statements.
    public static func split(_ sql: String) -> [String] {
        let trimmed = trim(sql)
        guard mayContainMultipleStatements(trimmed) else { return [trimmed] }
        let statements = splitStatements(Array(trimmed.unicodeScalars))
        return statements.isEmpty ? [trimmed] : statements
    }

    private static func mayContainMultipleStatements(_ sql: String) -> Bool {
        guard let semicolon = sql.firstIndex(of: ";") else { return false }
        return sql.index(after: semicolon) != sql.endIndex
    }

    private static func splitStatements(_ input: [Unicode.Scalar]) -> [String] {
        var statements: [String] = []
        var current: [Unicode.Scalar] = []
        var openCompounds = 0
        var index = 0

        func consume(until marker: [Unicode.Scalar]) {
            while index < input.count {
                current.append(input[index])
                index += 1
                if current.count >= marker.count, Array(current.suffix(marker.count)) == marker { return }
            }
        }

        while index < input.count {
            let scalar = input[index]
            if openCompounds > 0, endsCompound(current, next: scalar) { openCompounds -= 1 }
            index += 1
            switch scalar {
            case "'", "\"", "`":
                current.append(scalar)
                consume(until: [scalar])
            case "$":
                var tag: [Unicode.Scalar] = ["$"]
                while index < input.count {
                    let next = input[index]
                    tag.append(next)
                    index += 1
                    if !isDollarTagCharacter(next) { break }
                }
                current += tag
                if tag.count > 1, tag.last == "$" { consume(until: tag) }
            case "-":
                current.append(scalar)
                if index < input.count, input[index] == "-" {
                    current.append("-")
                    index += 1
                    consume(until: ["\n"])
                } else {
                    continue
                }
            case "/":
                current.append(scalar)
                if index < input.count, input[index] == "*" {
                    current.append("*")
                    index += 1
                    consume(until: ["*", "/"])
                } else {
                    continue
                }
            case ";":
                if openCompounds == 0 {
                    statements.append(String(String.UnicodeScalarView(current)))
                    current = []
                } else {
                    current.append(scalar)
                }
            default:
                current.append(scalar)
            }
            if startsCompound(current) { openCompounds += 1 }
        }
        statements.append(String(String.UnicodeScalarView(current)))
        return statements.map(trim).filter { !$0.isEmpty }
    }

    /// A character that may continue a `$tag$` (digits, `_`, letters); `$` ends it.
    private static func isDollarTagCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "$" && (scalar == "_" || ("0"..."9").contains(scalar) || scalar.properties.changesWhenCaseMapped)
    }

    /// `/\s(BEGIN|CASE)\s$/i`.
    private static func startsCompound(_ text: [Unicode.Scalar]) -> Bool {
        guard let last = text.last, isSpace(last) else { return false }
        let body = text.dropLast()
        return endsWithWord(body, "BEGIN") || endsWithWord(body, "CASE")
    }

    /// `/\sEND[;\s]$/i` on `text` followed by `next`.
    private static func endsCompound(_ text: [Unicode.Scalar], next: Unicode.Scalar) -> Bool {
        guard next == ";" || isSpace(next) else { return false }
        return endsWithWord(text[...], "END")
    }

    /// Whether `text` ends with `word` (any case) preceded by whitespace.
    private static func endsWithWord(_ text: ArraySlice<Unicode.Scalar>, _ word: String) -> Bool {
        let letters = Array(word.unicodeScalars)
        guard text.count > letters.count else { return false }
        let tail = text.suffix(letters.count)
        for (scalar, letter) in zip(tail, letters) where scalar != letter && scalar != lowercase(letter) {
            return false
        }
        return isSpace(text[text.endIndex - letters.count - 1])
    }

    private static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        Unicode.Scalar(scalar.value + 32) ?? scalar
    }

    /// JavaScript's `\s`.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{FEFF}"
    }

    /// JavaScript's `trim()`.
    static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
            let end = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[start...end])
    }
}
