/// Strings: basic and literal, single- and multi-line.
extension TOMLParser {
    /// A `"basic string"`; the reader is at the opening quote.
    mutating func parseBasicString() throws(TOMLSyntaxError) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let byte = peek(), !isAtNewline() else { throw error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            default:
                try appendContent(byte, into: &out)
            }
        }
    }

    /// A `"""multi-line basic string"""`; the reader is after the opening delimiter.
    mutating func parseMultilineBasicString() throws(TOMLSyntaxError) -> String {
        try skipFirstNewline()
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("unterminated multi-line string") }
            switch byte {
            case UInt8(ascii: "\""):
                if try closeMultiline(quote: byte, into: &out) { return String(decoding: out, as: UTF8.self) }
            case UInt8(ascii: "\\"):
                if try !skipLineEndingBackslash() { try parseEscape(into: &out) }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try consumeNewline()
                out.append(UInt8(ascii: "\n"))
            default:
                try appendContent(byte, into: &out)
            }
        }
    }

    /// A `'literal string'`; the reader is at the opening quote.
    mutating func parseLiteralString() throws(TOMLSyntaxError) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let byte = peek(), !isAtNewline() else { throw error("unterminated string") }
            if byte == UInt8(ascii: "'") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            try appendContent(byte, into: &out)
        }
    }

    /// A `'''multi-line literal string'''`; the reader is after the opening delimiter.
    mutating func parseMultilineLiteralString() throws(TOMLSyntaxError) -> String {
        try skipFirstNewline()
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("unterminated multi-line string") }
            if byte == UInt8(ascii: "'") {
                if try closeMultiline(quote: byte, into: &out) { return String(decoding: out, as: UTF8.self) }
            } else if isAtNewline() {
                try consumeNewline()
                out.append(UInt8(ascii: "\n"))
            } else {
                try appendContent(byte, into: &out)
            }
        }
    }

    private mutating func skipFirstNewline() throws(TOMLSyntaxError) {
        if isAtNewline() { try consumeNewline() }
    }

    /// At a run of quotes in a multi-line string: up to two quotes are content; three or more close it.
    private mutating func closeMultiline(quote: UInt8, into out: inout [UInt8]) throws(TOMLSyntaxError) -> Bool {
        var run = 0
        while peek() == quote {
            run += 1
            index += 1
        }
        if run < 3 {
            out.append(contentsOf: repeatElement(quote, count: run))
            return false
        }
        guard run <= 5 else { throw error("too many quotes at the end of a multi-line string") }
        out.append(contentsOf: repeatElement(quote, count: run - 3))
        return true
    }

    /// A `\` at the end of a line (spaces allowed after it) trims the newline and following whitespace.
    private mutating func skipLineEndingBackslash() throws(TOMLSyntaxError) -> Bool {
        var probe = index + 1
        while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") || bytes[probe] == UInt8(ascii: "\t") {
            probe += 1
        }
        guard probe < bytes.count, bytes[probe] == UInt8(ascii: "\n") || bytes[probe] == UInt8(ascii: "\r") else {
            return false
        }
        index = probe
        while true {
            skipSpaces()
            guard isAtNewline() else { return true }
            try consumeNewline()
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(TOMLSyntaxError) {
        index += 1
        guard let byte = peek() else { throw error("unterminated string") }
        index += 1
        let simple: UInt8? =
            switch byte {
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "t"): 0x09
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "\""): UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): UInt8(ascii: "\\")
            default: nil
            }
        if let simple {
            out.append(simple)
        } else if byte == UInt8(ascii: "u") || byte == UInt8(ascii: "U") {
            try appendUnicodeEscape(digits: byte == UInt8(ascii: "u") ? 4 : 8, into: &out)
        } else {
            index -= 1
            throw error("invalid escape `\\\(describeNext().dropFirst().dropLast())` in a string")
        }
    }

    private mutating func appendUnicodeEscape(digits: Int, into out: inout [UInt8]) throws(TOMLSyntaxError) {
        guard index + digits <= bytes.count,
            let code = UInt32(String(decoding: bytes[index..<index + digits], as: UTF8.self), radix: 16),
            bytes[index..<index + digits].allSatisfy({
                ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66)
            })
        else { throw error("a \\\(digits == 4 ? "u" : "U") escape needs \(digits) hexadecimal digits") }
        guard let scalar = Unicode.Scalar(code) else {
            throw error(
                "\\\(digits == 4 ? "u" : "U")\(String(code, radix: 16).uppercased()) is not a Unicode scalar value")
        }
        index += digits
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func appendContent(_ byte: UInt8, into out: inout [UInt8]) throws(TOMLSyntaxError) {
        if Self.isControl(byte) { throw error("control character U+\(Self.hex(byte)) in a string (escape it)") }
        out.append(byte)
        index += 1
    }
}
