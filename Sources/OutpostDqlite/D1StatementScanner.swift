/// A lexical reading of D1 SQL text for a backend that cannot prepare statements locally (dqlite):
/// splits it into statements the way SQLite's tokenizer would (quotes, comments, trigger bodies), and
/// records what D1's authorizer rules and the parameter rules need about each one.
struct D1StatementScanner {
    /// One statement of the text.
    struct Statement: Equatable {
        /// The statement's text, without the terminating `;`.
        var sql: String
        /// Upper-cased keywords and identifiers in order (quoted identifiers unquoted, as written).
        var words: [String] = []
        /// Every identifier, quoted ones included, lower-cased.
        var identifiers: [String] = []
        /// `sqlite3_bind_parameter_count`: the largest parameter index.
        var parameterCount = 0
        /// `PRAGMA` name and whether an argument follows (`= x` or `(x)`).
        var pragma: (name: String, hasArgument: Bool)?

        static func == (left: Statement, right: Statement) -> Bool { left.sql == right.sql }

        /// The first keyword (`SELECT`, `INSERT`, …), upper-cased.
        var keyword: String { words.first ?? "" }

        /// Whether the statement can only read (so it may run outside a write transaction and be retried).
        var isRead: Bool { keyword == "SELECT" || keyword == "VALUES" }

        /// Whether the statement yields rows (sent as QUERY rather than EXEC).
        var yieldsRows: Bool {
            ["SELECT", "VALUES", "WITH", "EXPLAIN", "PRAGMA"].contains(keyword) || words.contains("RETURNING")
        }
    }

    /// The statements of `sql`, in order; empty when it holds only whitespace, comments and `;`.
    static func statements(_ sql: String) -> [Statement] {
        var scanner = Lexer(Array(sql.utf8))
        var statements: [Statement] = []
        var current = Statement(sql: "")
        var start: Int?
        var names: [String: Int] = [:]
        var inTrigger = false
        var afterSemicolon = false
        var endAfterSemicolon = false
        var pragmaState = 0  // 1: after PRAGMA, 2: after a name (maybe schema), 3: after "."
        func finish(at end: Int) {
            if let begin = start {
                current.sql = String(decoding: scanner.bytes[begin..<end], as: UTF8.self)
                statements.append(current)
            }
            current = Statement(sql: "")
            start = nil
            names = [:]
            inTrigger = false
            afterSemicolon = false
            endAfterSemicolon = false
            pragmaState = 0
        }
        while let token = scanner.next() {
            if case .semicolon = token.kind {
                if start == nil { continue }
                if inTrigger && !endAfterSemicolon {
                    afterSemicolon = true
                    continue
                }
                finish(at: token.start)
                continue
            }
            if start == nil { start = token.start }
            switch token.kind {
            case .word(let text, let quoted):
                let upper = text.uppercased()
                if !quoted { current.words.append(upper) }
                current.identifiers.append(text.lowercased())
                if inTrigger {
                    endAfterSemicolon = afterSemicolon && !quoted && upper == "END"
                    afterSemicolon = false
                } else if current.words.count <= 3, !quoted, upper == "TRIGGER", current.words.first == "CREATE" {
                    inTrigger = current.words.dropFirst().dropLast().allSatisfy { $0 == "TEMP" || $0 == "TEMPORARY" }
                }
                notePragma(&current, &pragmaState, word: text)
            case .parameter(let name):
                afterSemicolon = false
                endAfterSemicolon = false
                if name.isEmpty {
                    current.parameterCount += 1
                } else if let number = Int(name), name.first?.isNumber == true {
                    current.parameterCount = max(current.parameterCount, number)
                } else if names[name] == nil {
                    current.parameterCount += 1
                    names[name] = current.parameterCount
                }
                pragmaState = 0
            case .symbol(let byte):
                afterSemicolon = false
                endAfterSemicolon = false
                if pragmaState == 2, byte == UInt8(ascii: ".") {
                    pragmaState = 3
                } else {
                    if pragmaState == 2, byte == UInt8(ascii: "=") || byte == UInt8(ascii: "(") {
                        current.pragma?.hasArgument = true
                    }
                    pragmaState = 0
                }
            case .semicolon:
                break
            }
        }
        finish(at: scanner.bytes.count)
        return statements.map { statement in
            var trimmed = statement
            trimmed.sql = String(statement.sql.reversed().drop { $0.isWhitespace }.reversed())
            return trimmed
        }
    }

    /// Tracks `PRAGMA [schema.]name [=|(]`: the name is the last word before `=`, `(` or the end.
    private static func notePragma(_ statement: inout Statement, _ state: inout Int, word: String) {
        switch state {
        case 0 where statement.words.count == 1 && statement.keyword == "PRAGMA":
            state = 1
        case 1, 3:
            statement.pragma = (word.lowercased(), false)
            state = 2
        default:
            state = 0
        }
    }
}

/// SQLite's tokens, as far as splitting and the rules need them.
private struct Lexer {
    enum Kind {
        case word(String, quoted: Bool)
        case parameter(String)
        case symbol(UInt8)
        case semicolon
    }

    struct Token {
        var kind: Kind
        var start: Int
    }

    let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> Token? {
        skipSpaceAndComments()
        guard index < bytes.count else { return nil }
        let start = index
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: ";"):
            index += 1
            return Token(kind: .semicolon, start: start)
        case UInt8(ascii: "'"):
            skipQuoted(closing: UInt8(ascii: "'"))
            return Token(kind: .symbol(byte), start: start)
        case UInt8(ascii: "\""), UInt8(ascii: "`"):
            let text = quoted(closing: byte)
            return Token(kind: .word(text, quoted: true), start: start)
        case UInt8(ascii: "["):
            let text = quoted(closing: UInt8(ascii: "]"))
            return Token(kind: .word(text, quoted: true), start: start)
        case UInt8(ascii: "?"):
            index += 1
            let digits = take { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            return Token(kind: .parameter(digits), start: start)
        case UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "$"):
            index += 1
            let name = take(Self.isWordByte)
            if name.isEmpty { return Token(kind: .symbol(byte), start: start) }
            return Token(kind: .parameter(String(UnicodeScalar(byte)) + name), start: start)
        default:
            if Self.isWordByte(byte), !(byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                let word = take(Self.isWordByte)
                return Token(kind: .word(word, quoted: false), start: start)
            }
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                _ = take { Self.isWordByte($0) || $0 == UInt8(ascii: ".") }
                return Token(kind: .symbol(byte), start: start)
            }
            index += 1
            return Token(kind: .symbol(byte), start: start)
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "$") || byte >= 0x80
    }

    private mutating func take(_ predicate: (UInt8) -> Bool) -> String {
        let start = index
        while index < bytes.count, predicate(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipSpaceAndComments() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                index += 1
            } else if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index < bytes.count,
                    !(bytes[index] == UInt8(ascii: "*") && index + 1 < bytes.count
                        && bytes[index + 1] == UInt8(ascii: "/"))
                {
                    index += 1
                }
                index = min(bytes.count, index + 2)
            } else {
                return
            }
        }
    }

    /// Skips a quoted run (the opening quote at `index`); a doubled closing quote is an escaped one.
    private mutating func skipQuoted(closing: UInt8) {
        index += 1
        while index < bytes.count {
            if bytes[index] == closing {
                if closing != UInt8(ascii: "]"), index + 1 < bytes.count, bytes[index + 1] == closing {
                    index += 2
                    continue
                }
                index += 1
                return
            }
            index += 1
        }
    }

    /// A quoted identifier's text, quotes removed and doubled quotes undoubled.
    private mutating func quoted(closing: UInt8) -> String {
        let start = index + 1
        skipQuoted(closing: closing)
        let end = max(start, min(bytes.count, index) - 1)
        let raw = String(decoding: bytes[start..<end], as: UTF8.self)
        let quote = String(UnicodeScalar(closing))
        return closing == UInt8(ascii: "]") ? raw : raw.replacing(quote + quote, with: quote)
    }
}
