import Foundation

/// Splits SQL text into statements the way `wrangler d1 execute` and `d1 migrations apply` do locally
/// (wrangler's `splitSqlQuery` and `trimSqlQuery`).
///
/// - `BEGIN TRANSACTION;` and `COMMIT;` are removed once each (D1 wraps the batch in its own
///   transaction); a second `BEGIN TRANSACTION` is wrangler's "several transactions" error.
/// - Text with at most one `;`, at its end, is one statement and is left exactly as it is (whitespace
///   and comments included).
/// - Otherwise it is split on `;` outside quotes (`'…'`, `"…"`, `` `…` ``), `$tag$…$tag$` strings and
///   `BEGIN … END` / `CASE … END` bodies (any case); `--` comments become a newline and `/* */`
///   comments disappear; each statement is trimmed and empty ones are dropped. When nothing is left the
///   text is returned whole.
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

    /// The statements of `sql` as wrangler sends them to D1: line endings normalized outside quotes
    /// (`SQLLineEndings`), then `split`.
    public static func statements(_ sql: String) throws(SeveralTransactionsError) -> [String] {
        try split(SQLLineEndings.normalize(sql))
    }

    /// Whether `statement` holds nothing but whitespace, `;` and comments: D1 would refuse it as not
    /// containing a statement, so the CLI runs nothing for it.
    public static func isCommentOnly(_ statement: String) -> Bool {
        D1SQLText.isBlank(statement)
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

    /// wrangler's `splitSqlQuery` (see the type's documentation).
    public static func split(_ sql: String) throws(SeveralTransactionsError) -> [String] {
        let text = try stripTransaction(sql)
        guard mayContainMultipleStatements(text) else { return [text] }
        let statements = splitStatements(Array(text.unicodeScalars))
        return statements.isEmpty ? [text] : statements
    }

    /// Whether a `;` appears anywhere but at the very end of `sql` (trailing whitespace ignored).
    public static func mayContainMultipleStatements(_ sql: String) -> Bool {
        let scalars = sql.unicodeScalars
        guard let semicolon = scalars.firstIndex(of: ";") else { return false }
        let end = scalars.lastIndex { !JSWhitespace.contains($0) } ?? scalars.startIndex
        return semicolon != end
    }

    private static func splitStatements(_ input: [Unicode.Scalar]) -> [String] {
        var reader = ScalarReader(input)
        var statements: [String] = []
        var current: [Unicode.Scalar] = []
        var openCompounds = 0
        var pending = reader.next()
        while let scalar = pending {
            if openCompounds > 0, endsCompound(current, next: scalar) { openCompounds -= 1 }
            pending = nil
            switch scalar {
            case "'", "\"", "`":
                current.append(scalar)
                current += reader.consume(until: [scalar])
            case "$":
                let tag = ["$"] + reader.consumeDollarTag()
                current += tag
                if tag.last == "$" { current += reader.consume(until: tag) }
            case "-", "/":
                let follower = reader.next()
                let opensComment = follower == (scalar == "-" ? "-" : "*")
                guard opensComment else {
                    current.append(scalar)
                    pending = follower
                    continue
                }
                if scalar == "-" {
                    _ = reader.consume(until: ["\n"])
                    current.append("\n")
                } else {
                    _ = reader.consume(until: ["*", "/"])
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
            pending = reader.next()
        }
        statements.append(String(String.UnicodeScalarView(current)))
        return statements.map(JSWhitespace.trim).filter { !$0.isEmpty }
    }

    /// `/\s(BEGIN|CASE)\s$/i` on `text`.
    private static func startsCompound(_ text: [Unicode.Scalar]) -> Bool {
        guard let last = text.last, JSWhitespace.contains(last) else { return false }
        let body = text.dropLast()
        return endsWithWord(body, "BEGIN") || endsWithWord(body, "CASE")
    }

    /// `/\sEND[;\s]$/i` on `text` followed by `next`.
    private static func endsCompound(_ text: [Unicode.Scalar], next: Unicode.Scalar) -> Bool {
        guard next == ";" || JSWhitespace.contains(next) else { return false }
        return endsWithWord(text[...], "END")
    }

    /// Whether `text` ends with `word` (ASCII, any case) preceded by whitespace.
    private static func endsWithWord(_ text: ArraySlice<Unicode.Scalar>, _ word: String) -> Bool {
        let letters = Array(word.unicodeScalars)
        guard text.count > letters.count else { return false }
        for (scalar, letter) in zip(text.suffix(letters.count), letters)
        where scalar != letter && scalar.value != letter.value + 32 {
            return false
        }
        return JSWhitespace.contains(text[text.endIndex - letters.count - 1])
    }
}

/// Reads a SQL text scalar by scalar, as wrangler's splitter reads its string iterator.
private struct ScalarReader {
    private let input: [Unicode.Scalar]
    private var index = 0

    init(_ input: [Unicode.Scalar]) { self.input = input }

    mutating func next() -> Unicode.Scalar? {
        guard index < input.count else { return nil }
        defer { index += 1 }
        return input[index]
    }

    /// The scalars up to and including the end of `marker` (or to the end of the text).
    mutating func consume(until marker: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var taken: [Unicode.Scalar] = []
        while let scalar = next() {
            taken.append(scalar)
            if taken.count >= marker.count, taken[(taken.count - marker.count)...].elementsEqual(marker) { break }
        }
        return taken
    }

    /// The rest of a `$tag$` opener: tag characters, then the scalar that ended them (a `$` for a tag).
    mutating func consumeDollarTag() -> [Unicode.Scalar] {
        var taken: [Unicode.Scalar] = []
        while let scalar = next() {
            taken.append(scalar)
            if !SQLLineEndings.isDollarTagCharacter(scalar) { break }
        }
        return taken
    }
}
