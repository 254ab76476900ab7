/// Parses JSON with comments (`//`, `/* */`) and trailing commas — wrangler's `wrangler.json` /
/// `wrangler.jsonc` dialect — into a `JSONCValue` tree that records each value's line and column.
///
/// Plain JSON is a subset, so the same parser reads `wrangler.json`. Nesting is bounded so that no
/// input can exhaust the stack.
public enum JSONCParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maxDepth = 128

    /// The document's top-level value, which must be an object.
    public static func parse(_ text: String) throws(JSONCSyntaxError) -> JSONCValue {
        var scanner = JSONCScanner(Array(text.utf8))
        try scanner.skipTrivia()
        if scanner.peek == 0xEF {  // a UTF-8 byte-order mark
            scanner.skip(3)
            try scanner.skipTrivia()
        }
        guard scanner.peek == UInt8(ascii: "{") else {
            throw scanner.error(scanner.atEnd ? "the file is empty; expected an object `{ … }`" : "expected `{`")
        }
        let value = try scanner.value(depth: 0)
        try scanner.skipTrivia()
        guard scanner.atEnd else { throw scanner.error("unexpected text after the closing `}`") }
        return value
    }
}

/// A JSON value with the 1-based line and column where it starts.
public struct JSONCValue: Sendable, Equatable {
    /// What JSON has.
    public enum Kind: Sendable, Equatable {
        /// `null`.
        case null
        /// `true` or `false`.
        case boolean(Bool)
        /// A number written without fraction or exponent that fits in 64 bits.
        case integer(Int)
        /// Any other number.
        case float(Double)
        /// A string, escapes resolved.
        case string(String)
        /// An array.
        case array([JSONCValue])
        /// An object's members in the order written; each member's position is its key's.
        case object([Member])
    }

    /// One `"key": value` of an object.
    public struct Member: Sendable, Equatable {
        /// The key.
        public var key: String
        /// The value, positioned at the key.
        public var value: JSONCValue
    }

    /// What the value is.
    public var kind: Kind
    /// The 1-based line.
    public var line: Int
    /// The 1-based column (in UTF-8 bytes).
    public var column: Int
}

/// A JSONC document that cannot be read, with the 1-based line and column of the problem.
public struct JSONCSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line.
    public var line: Int
    /// The column (in UTF-8 bytes).
    public var column: Int
    /// What is wrong.
    public var message: String

    /// `line L, column C: message`.
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// The byte cursor behind `JSONCParser`.
struct JSONCScanner {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[index] }
    private var column: Int { index - lineStart + 1 }

    func error(_ message: String) -> JSONCSyntaxError {
        JSONCSyntaxError(line: line, column: column, message: message)
    }

    mutating func skip(_ count: Int) { index = min(bytes.count, index + count) }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    /// Skips whitespace and comments.
    mutating func skipTrivia() throws(JSONCSyntaxError) {
        while let byte = peek {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: advance()
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/"):
                while let next = peek, next != 0x0A { advance() }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                guard skipBlockComment() else { throw error("unterminated comment `/*`") }
            default: return
            }
        }
    }

    /// Skips `/* … */`; leaves the cursor on the `/` and returns false when it is not closed.
    private mutating func skipBlockComment() -> Bool {
        var probe = index + 2
        while probe + 1 < bytes.count, !(bytes[probe] == UInt8(ascii: "*") && bytes[probe + 1] == UInt8(ascii: "/")) {
            probe += 1
        }
        guard probe + 1 < bytes.count else { return false }
        while index < probe + 2 { advance() }
        return true
    }

    mutating func value(depth: Int) throws(JSONCSyntaxError) -> JSONCValue {
        try skipTrivia()
        let (startLine, startColumn) = (line, column)
        guard let byte = peek else { throw error("expected a value, found the end of the file") }
        let kind: JSONCValue.Kind
        switch byte {
        case UInt8(ascii: "{"): kind = try object(depth: depth + 1)
        case UInt8(ascii: "["): kind = try array(depth: depth + 1)
        case UInt8(ascii: "\""): kind = .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = try number()
        default: kind = try literal()
        }
        return JSONCValue(kind: kind, line: startLine, column: startColumn)
    }

    private mutating func object(depth: Int) throws(JSONCSyntaxError) -> JSONCValue.Kind {
        guard depth <= JSONCParser.maxDepth else { throw error("nested more than \(JSONCParser.maxDepth) levels deep") }
        advance()
        var members: [JSONCValue.Member] = []
        var seen: [String: Int] = [:]
        while true {
            try skipTrivia()
            if peek == UInt8(ascii: "}") {
                advance()
                return .object(members)
            }
            guard peek == UInt8(ascii: "\"") else {
                throw error(atEnd ? "unterminated object: expected `}`" : "expected a key in double quotes or `}`")
            }
            let (keyLine, keyColumn) = (line, column)
            let key = try string()
            if let first = seen[key] {
                throw JSONCSyntaxError(
                    line: keyLine, column: keyColumn, message: "duplicate key \"\(key)\" (first set on line \(first))")
            }
            seen[key] = keyLine
            try skipTrivia()
            guard peek == UInt8(ascii: ":") else { throw error("expected `:` after the key \"\(key)\"") }
            advance()
            var member = try value(depth: depth)
            (member.line, member.column) = (keyLine, keyColumn)
            members.append(JSONCValue.Member(key: key, value: member))
            try separator(closing: "}")
        }
    }

    private mutating func array(depth: Int) throws(JSONCSyntaxError) -> JSONCValue.Kind {
        guard depth <= JSONCParser.maxDepth else { throw error("nested more than \(JSONCParser.maxDepth) levels deep") }
        advance()
        var elements: [JSONCValue] = []
        while true {
            try skipTrivia()
            if peek == UInt8(ascii: "]") {
                advance()
                return .array(elements)
            }
            elements.append(try value(depth: depth))
            try separator(closing: "]")
        }
    }

    /// After a member or element: a comma (a trailing one is allowed) or the closing bracket.
    private mutating func separator(closing: Character) throws(JSONCSyntaxError) {
        try skipTrivia()
        if peek == UInt8(ascii: ",") {
            advance()
        } else if peek != closing.asciiValue {
            throw error(
                atEnd
                    ? "unterminated \(closing == "}" ? "object" : "array"): expected `\(closing)`"
                    : "expected `,` or `\(closing)`")
        }
    }

    private mutating func string() throws(JSONCSyntaxError) -> String {
        advance()
        var out: [UInt8] = []
        while let byte = peek {
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                advance()
                try escape(into: &out)
            case 0x00..<0x20:
                throw error("control character in a string (write it as an escape such as \\n)")
            default:
                out.append(byte)
                advance()
            }
        }
        throw error("unterminated string")
    }

    private mutating func escape(into out: inout [UInt8]) throws(JSONCSyntaxError) {
        guard let byte = peek else { throw error("unterminated string") }
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
            UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let replacement = simple[byte] {
            out.append(replacement)
            advance()
            return
        }
        guard byte == UInt8(ascii: "u") else { throw error("invalid escape `\\\(Character(Unicode.Scalar(byte)))`") }
        advance()
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                throw error("a \\u escape of a high surrogate must be followed by its low surrogate")
            }
            skip(2)
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate in a \\u escape") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
        out.append(contentsOf: Array(String(Character(unicode)).utf8))
    }

    private mutating func hex4() throws(JSONCSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw error("expected four hexadecimal digits after \\u") }
        skip(4)
        return value
    }

    private mutating func number() throws(JSONCSyntaxError) -> JSONCValue.Kind {
        let start = index
        let allowed = Set("+-.eE0123456789".utf8)
        while let byte = peek, allowed.contains(byte) { advance() }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard text.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil else {
            throw JSONCSyntaxError(line: line, column: start - lineStart + 1, message: "invalid number `\(text)`")
        }
        if let integer = Int(text) { return .integer(integer) }
        guard let double = Double(text), double.isFinite else {
            throw JSONCSyntaxError(line: line, column: start - lineStart + 1, message: "number out of range `\(text)`")
        }
        return .float(double)
    }

    private mutating func literal() throws(JSONCSyntaxError) -> JSONCValue.Kind {
        for (word, kind) in [("true", JSONCValue.Kind.boolean(true)), ("false", .boolean(false)), ("null", .null)] {
            let utf8 = Array(word.utf8)
            if index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 {
                skip(utf8.count)
                return kind
            }
        }
        if peek == UInt8(ascii: "'") { throw error("strings must use double quotes") }
        throw error("expected a value (an object, array, string, number, true, false or null)")
    }
}
