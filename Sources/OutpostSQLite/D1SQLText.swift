import Foundation

/// Lexical checks on SQL text the D1 engine makes before and between statements.
enum D1SQLText {
    /// Whether `tail` (the text after a statement) holds only whitespace, `;` and comments, i.e. the
    /// statement before it is the last one.
    static func isBlank(_ tail: String) -> Bool {
        var bytes = tail.utf8[...]
        while let byte = bytes.first {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0C, UInt8(ascii: ";"):
                bytes.removeFirst()
            case UInt8(ascii: "-"):
                guard bytes.dropFirst().first == UInt8(ascii: "-") else { return false }
                if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                    bytes = bytes[newline...]
                } else {
                    return true
                }
            case UInt8(ascii: "/"):
                guard bytes.dropFirst().first == UInt8(ascii: "*") else { return false }
                bytes.removeFirst(2)
                var previous: UInt8 = 0
                var closed = false
                while let next = bytes.first {
                    bytes.removeFirst()
                    if previous == UInt8(ascii: "*"), next == UInt8(ascii: "/") {
                        closed = true
                        break
                    }
                    previous = next
                }
                if !closed { return true }
            default:
                return false
            }
        }
        return true
    }

    /// Whether a statement's text starts with the keyword `PRAGMA` (such statements run on the writer,
    /// where their settings matter).
    static func isPragma(_ sql: String) -> Bool {
        let start = sql.drop { $0.isWhitespace }
        return start.prefix(6).lowercased() == "pragma"
    }

    /// `name` as a SQL identifier in double quotes.
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
