/// Unquoted scalars: Booleans, integers, floats, dates and times.
extension TOMLParser {
    /// Reads the bare token at the reader and classifies it.
    mutating func parseScalarToken() throws(TOMLSyntaxError) -> ConfigValue.Kind {
        let token = readScalarToken()
        guard !token.isEmpty else { throw error("expected a value, found \(describeNext())") }
        if let kind = Self.boolean(token) ?? Self.specialFloat(token) { return kind }
        if let kind = try dateTime(token) { return kind }
        if let kind = try integer(token) { return kind }
        if let kind = Self.float(token) { return kind }
        throw error("invalid value `\(token)`" + Self.hint(for: token))
    }

    /// The run of characters a scalar can contain; a date followed by a space and a time is one token.
    private mutating func readScalarToken() -> String {
        let start = index
        readTokenBytes()
        if index - start == 10, isDateFollowedBySpaceAndTime(start: start) {
            index += 1
            readTokenBytes()
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func readTokenBytes() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"),
                UInt8(ascii: "."), UInt8(ascii: ":"):
                index += 1
            default:
                return
            }
        }
    }

    private func isDateFollowedBySpaceAndTime(start: Int) -> Bool {
        guard bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            index + 3 < bytes.count, bytes[index] == UInt8(ascii: " ")
        else { return false }
        let digit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        return digit(bytes[index + 1]) && digit(bytes[index + 2]) && bytes[index + 3] == UInt8(ascii: ":")
    }

    private static func boolean(_ token: String) -> ConfigValue.Kind? {
        switch token {
        case "true": .boolean(true)
        case "false": .boolean(false)
        default: nil
        }
    }

    private static func specialFloat(_ token: String) -> ConfigValue.Kind? {
        switch token {
        case "inf", "+inf": .float(.infinity)
        case "-inf": .float(-.infinity)
        case "nan", "+nan", "-nan": .float(.nan)
        default: nil
        }
    }

    private func integer(_ token: String) throws(TOMLSyntaxError) -> ConfigValue.Kind? {
        let radix: Int
        let digits: Substring
        if token.wholeMatch(of: /[+-]?(0|[1-9](_?[0-9])*)/) != nil {
            (radix, digits) = (10, Substring(token))
        } else if token.wholeMatch(of: /0x[0-9A-Fa-f](_?[0-9A-Fa-f])*/) != nil {
            (radix, digits) = (16, token.dropFirst(2))
        } else if token.wholeMatch(of: /0o[0-7](_?[0-7])*/) != nil {
            (radix, digits) = (8, token.dropFirst(2))
        } else if token.wholeMatch(of: /0b[01](_?[01])*/) != nil {
            (radix, digits) = (2, token.dropFirst(2))
        } else {
            return nil
        }
        guard let value = Int(digits.filter { $0 != "_" }, radix: radix) else {
            throw error("integer `\(token)` does not fit in 64 bits")
        }
        return .integer(value)
    }

    private static func float(_ token: String) -> ConfigValue.Kind? {
        let pattern = /[+-]?(0|[1-9](_?[0-9])*)(\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?|[eE][+-]?[0-9](_?[0-9])*)/
        let isFloat = token.wholeMatch(of: pattern) != nil
        guard isFloat, let value = Double(token.filter { $0 != "_" }) else { return nil }
        return .float(value)
    }

    private func dateTime(_ token: String) throws(TOMLSyntaxError) -> ConfigValue.Kind? {
        if let match = token.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/) {
            try checkDate(year: match.1, month: match.2, day: match.3, token: token)
            return .localDate(token)
        }
        if let match = token.wholeMatch(of: /(\d{2}):(\d{2}):(\d{2})(\.\d+)?/) {
            try checkTime(hour: match.1, minute: match.2, second: match.3, token: token)
            return .localTime(token)
        }
        let pattern = /(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))?/
        guard let match = token.wholeMatch(of: pattern) else { return nil }
        try checkDate(year: match.1, month: match.2, day: match.3, token: token)
        try checkTime(hour: match.4, minute: match.5, second: match.6, token: token)
        guard match.8 != nil else { return .localDateTime(token) }
        if let hours = match.9, let minutes = match.10, Int(hours)! > 23 || Int(minutes)! > 59 {
            throw error("invalid time offset in `\(token)`")
        }
        return .offsetDateTime(token)
    }

    private func checkDate(
        year: Substring, month: Substring, day: Substring, token: String
    ) throws(TOMLSyntaxError) {
        let (y, m, d) = (Int(year)!, Int(month)!, Int(day)!)
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(m), (1...days[m - 1]).contains(d) else { throw error("invalid date `\(token)`") }
    }

    private func checkTime(
        hour: Substring, minute: Substring, second: Substring, token: String
    ) throws(TOMLSyntaxError) {
        guard Int(hour)! <= 23, Int(minute)! <= 59, Int(second)! <= 60 else {
            throw error("invalid time `\(token)`")
        }
    }

    private static func hint(for token: String) -> String {
        if token.first?.isLetter == true { return " (strings must be quoted)" }
        if token.wholeMatch(of: /[+-]?0[0-9_]+/) != nil { return " (leading zeros are not allowed)" }
        return ""
    }
}
