/// One value of a config file, whatever its format (TOML, JSON, JSONC), with where it was written.
///
/// The TOML and JSON parsers both produce this tree, so one schema walk (`WorkerConfigBuilder`) reads
/// every format. Dates and times (TOML only) are kept as the text that was written.
public struct ConfigValue: Sendable, Equatable {
    /// The kinds of value TOML 1.0 has (JSON's are a subset, `null` aside, which the JSON adapter rejects).
    public enum Kind: Sendable, Equatable {
        /// A basic, literal or multi-line string, escapes resolved.
        case string(String)
        /// A 64-bit integer (decimal, hexadecimal, octal or binary in the source).
        case integer(Int)
        /// A 64-bit float, including `inf` and `nan`.
        case float(Double)
        /// `true` or `false`.
        case boolean(Bool)
        /// An offset date-time such as `1979-05-27T07:32:00Z`, as written.
        case offsetDateTime(String)
        /// A local date-time such as `1979-05-27T07:32:00`, as written.
        case localDateTime(String)
        /// A local date such as `1979-05-27`, as written.
        case localDate(String)
        /// A local time such as `07:32:00`, as written.
        case localTime(String)
        /// An array; its elements carry their own lines.
        case array([ConfigValue])
        /// A table (standard, inline, dotted or one element of an array of tables).
        case table(ConfigTable)
    }

    /// What the value is.
    public var kind: Kind
    /// The 1-based line of the key that set the value, of the table header, or of an array element.
    public var line: Int
    /// The 1-based column of the value (0 when the format does not record it, as for TOML).
    public var column: Int

    /// A value of `kind` found on `line` (and `column`, when known).
    public init(_ kind: Kind, line: Int, column: Int = 0) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let value) = kind { return value }
        return nil
    }

    /// The integer, when this is an integer.
    public var integerValue: Int? {
        if case .integer(let value) = kind { return value }
        return nil
    }

    /// The Boolean, when this is a Boolean.
    public var boolValue: Bool? {
        if case .boolean(let value) = kind { return value }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [ConfigValue]? {
        if case .array(let value) = kind { return value }
        return nil
    }

    /// The table, when this is a table.
    public var tableValue: ConfigTable? {
        if case .table(let value) = kind { return value }
        return nil
    }

    /// The text of a date, time or date-time, when this is one.
    public var dateTimeText: String? {
        switch kind {
        case .offsetDateTime(let text), .localDateTime(let text), .localDate(let text), .localTime(let text): text
        default: nil
        }
    }

    /// The kind's name with an article, for messages: "a string", "an integer", "a table", ….
    public var typeDescription: String {
        switch kind {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a Boolean"
        case .offsetDateTime, .localDateTime: "a date-time"
        case .localDate: "a date"
        case .localTime: "a time"
        case .array: "an array"
        case .table: "a table"
        }
    }

    /// A short rendering for messages: scalars as TOML would write them, containers by their kind.
    public var summary: String {
        switch kind {
        case .string(let value): ConfigValue.quoted(value)
        case .integer(let value): String(value)
        case .float(let value): value.isNaN ? "nan" : value.isInfinite ? (value < 0 ? "-inf" : "inf") : String(value)
        case .boolean(let value): String(value)
        case .offsetDateTime(let text), .localDateTime(let text), .localDate(let text), .localTime(let text): text
        case .array, .table: typeDescription
        }
    }

    /// `text` as a TOML basic string, shortened when long.
    static func quoted(_ text: String) -> String {
        let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
        var out = "\""
        for scalar in shown.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16).uppercased()
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
