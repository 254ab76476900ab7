/// Reads a TOML 1.0 document into a tree of `ConfigValue`s that know their lines.
///
/// Our own reader, because the config's messages need the line of every key.
public struct TOMLParser {
    var bytes: [UInt8]
    var index = 0
    var line = 1
    private var root = TOMLTableBuilder(origin: .header, line: 1)
    private var currentTable: [String] = []

    /// Parses `text`, returning the root table or the first problem with its line.
    public static func parse(_ text: String) throws(TOMLSyntaxError) -> ConfigTable {
        var parser = TOMLParser(text: text)
        try parser.parseDocument()
        return parser.root.build()
    }

    private init(text: String) {
        bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private mutating func parseDocument() throws(TOMLSyntaxError) {
        while true {
            skipSpaces()
            guard let byte = peek() else { return }
            switch byte {
            case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "["):
                try parseHeader()
            default:
                try parseKeyValue()
            }
            try expectLineEnd()
        }
    }

    // MARK: Statements

    private mutating func parseHeader() throws(TOMLSyntaxError) {
        let headerLine = line
        index += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { index += 1 }
        let key = try parseKey()
        let closing = isArray ? "]]" : "]"
        guard consume(closing) else {
            throw error("expected `\(closing)` to close the \(isArray ? "array of tables" : "table") header")
        }
        try root.define(key[...], line: headerLine, isArray: isArray, fullKey: key)
        currentTable = key
    }

    private mutating func parseKeyValue() throws(TOMLSyntaxError) {
        let (key, value) = try parseKeyValuePair()
        let path = currentTable
        try root.withTable(at: path[...]) { (table: inout TOMLTableBuilder) throws(TOMLSyntaxError) in
            try table.insert(key[...], value: value, fullKey: path + key)
        }
    }

    /// `key = value`, leaving the reader after the value.
    mutating func parseKeyValuePair() throws(TOMLSyntaxError) -> ([String], ConfigValue) {
        let keyLine = line
        let key = try parseKey()
        guard consume("=") else { throw error("expected `=` after the key `\(TOMLTableBuilder.display(key))`") }
        skipSpaces()
        var value = try parseValue()
        value.line = keyLine
        return (key, value)
    }

    /// A bare, quoted or dotted key, with the spaces around it.
    mutating func parseKey() throws(TOMLSyntaxError) -> [String] {
        var parts: [String] = []
        repeat {
            skipSpaces()
            parts.append(try parseSimpleKey())
            skipSpaces()
        } while consume(".")
        return parts
    }

    private mutating func parseSimpleKey() throws(TOMLSyntaxError) -> String {
        switch peek() {
        case UInt8(ascii: "\""):
            if consume("\"\"\"") { throw error("a key cannot be a multi-line string") }
            return try parseBasicString()
        case UInt8(ascii: "'"):
            if consume("'''") { throw error("a key cannot be a multi-line string") }
            return try parseLiteralString()
        default:
            let start = index
            while let byte = peek(), Self.isBareKeyByte(byte) { index += 1 }
            guard index > start else { throw error("expected a key, found \(describeNext())") }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }

    // MARK: Values

    /// Any value: string, number, Boolean, date/time, array or inline table.
    mutating func parseValue() throws(TOMLSyntaxError) -> ConfigValue {
        let valueLine = line
        switch peek() {
        case UInt8(ascii: "\""):
            let text = consume("\"\"\"") ? try parseMultilineBasicString() : try parseBasicString()
            return ConfigValue(.string(text), line: valueLine)
        case UInt8(ascii: "'"):
            let text = consume("'''") ? try parseMultilineLiteralString() : try parseLiteralString()
            return ConfigValue(.string(text), line: valueLine)
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "{"):
            return try parseInlineTable()
        default:
            return ConfigValue(try parseScalarToken(), line: valueLine)
        }
    }

    private mutating func parseArray() throws(TOMLSyntaxError) -> ConfigValue {
        let arrayLine = line
        index += 1
        var elements: [ConfigValue] = []
        while true {
            try skipSpacesCommentsAndNewlines()
            if consume("]") { break }
            elements.append(try parseValue())
            try skipSpacesCommentsAndNewlines()
            if consume("]") { break }
            guard consume(",") else { throw error("expected `,` or `]` in the array, found \(describeNext())") }
        }
        return ConfigValue(.array(elements), line: arrayLine)
    }

    private mutating func parseInlineTable() throws(TOMLSyntaxError) -> ConfigValue {
        let tableLine = line
        index += 1
        var table = TOMLTableBuilder(origin: .header, line: tableLine)
        skipSpaces()
        if consume("}") { return table.buildValue() }
        while true {
            let (key, value) = try parseKeyValuePair()
            try table.insert(key[...], value: value, fullKey: key)
            skipSpaces()
            if consume("}") { break }
            guard consume(",") else {
                let hint = isAtNewline() ? " (an inline table must be on one line)" : ""
                throw error("expected `,` or `}` in the inline table, found \(describeNext())\(hint)")
            }
            skipSpaces()
            if peek() == UInt8(ascii: "}") { throw error("an inline table cannot end with a comma") }
        }
        return table.buildValue()
    }

    // MARK: Whitespace, comments, line ends

    /// Skips spaces and tabs.
    mutating func skipSpaces() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    private mutating func skipSpacesCommentsAndNewlines() throws(TOMLSyntaxError) {
        while true {
            skipSpaces()
            if peek() == UInt8(ascii: "#") {
                try skipComment()
            } else if isAtNewline() {
                try consumeNewline()
            } else {
                return
            }
        }
    }

    private mutating func skipComment() throws(TOMLSyntaxError) {
        index += 1
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "\r"), bytes.count > index + 1, bytes[index + 1] == UInt8(ascii: "\n") { return }
            if Self.isControl(byte) { throw error("control character U+\(Self.hex(byte)) in a comment") }
            index += 1
        }
    }

    /// After a statement: spaces, an optional comment, then a newline or the end.
    private mutating func expectLineEnd() throws(TOMLSyntaxError) {
        skipSpaces()
        if peek() == UInt8(ascii: "#") { try skipComment() }
        guard peek() != nil else { return }
        guard isAtNewline() else { throw error("expected the end of the line, found \(describeNext())") }
        try consumeNewline()
    }

    /// Whether the reader is at `\n` or `\r`.
    func isAtNewline() -> Bool {
        peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r")
    }

    /// Consumes `\n` or `\r\n`, counting the line.
    mutating func consumeNewline() throws(TOMLSyntaxError) {
        if consume("\r") {
            guard peek() == UInt8(ascii: "\n") else { throw error("a carriage return must be followed by a newline") }
        }
        index += 1
        line += 1
    }

    // MARK: Helpers

    /// The byte at the reader, or `nil` at the end.
    func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// Consumes `text` if the reader is at it.
    mutating func consume(_ text: String) -> Bool {
        var probe = index
        for byte in text.utf8 {
            guard probe < bytes.count, bytes[probe] == byte else { return false }
            probe += 1
        }
        index = probe
        return true
    }

    /// An error on the current line.
    func error(_ message: String) -> TOMLSyntaxError {
        TOMLSyntaxError(line: line, message: message)
    }

    /// The next character for a message: `` `x` ``, "a newline" or "the end of the file".
    func describeNext() -> String {
        guard let byte = peek() else { return "the end of the file" }
        if isAtNewline() { return "the end of the line" }
        if Self.isControl(byte) { return "control character U+\(Self.hex(byte))" }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "`\(String(decoding: bytes[index..<end], as: UTF8.self))`"
    }

    /// Control characters TOML forbids in strings and comments (tab is allowed).
    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F
    }

    /// `byte` as four hex digits.
    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16).uppercased()
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
