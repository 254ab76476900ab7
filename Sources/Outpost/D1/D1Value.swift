/// A value stored in or bound to a D1 database: one of SQLite's storage classes.
///
/// JS equivalent: what `bind()` accepts and what a row holds (`null`, number, string, `ArrayBuffer`).
public enum D1Value: Sendable, Equatable, Hashable {
    /// SQL NULL. JS equivalent: `null`.
    case null
    /// A 64-bit integer. JS equivalent: an integral `number`.
    case integer(Int64)
    /// A double. JS equivalent: a `number`.
    case real(Double)
    /// UTF-8 text. JS equivalent: a `string`.
    case text(String)
    /// Bytes. JS equivalent: an `ArrayBuffer` (read back as an array of numbers).
    case blob([UInt8])

    /// The value as a row member in JSON: BLOBs become arrays of numbers, as D1 returns them.
    ///
    /// JS equivalent: the value in `results[i][column]`.
    public var json: JSONValue {
        switch self {
        case .null: .null
        case .integer(let number): .number(Double(number))
        case .real(let number): .number(number)
        case .text(let text): .string(text)
        case .blob(let bytes): .array(bytes.map { .number(Double($0)) })
        }
    }

    /// The value a JSON value binds as, with D1's rules: `null`, numbers (integral ones as INTEGER),
    /// strings, booleans as 1/0, arrays of integers 0…255 as BLOB; anything else is a `D1_TYPE_ERROR`.
    ///
    /// JS equivalent: the conversion `stmt.bind(value)` applies.
    public init(binding json: JSONValue) throws(D1Error) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .integer(flag ? 1 : 0)
        case .number(let number):
            if number.rounded() == number, abs(number) < 9.2e18 {
                self = .integer(Int64(number))
            } else {
                self = .real(number)
            }
        case .string(let text): self = .text(text)
        case .array(let elements):
            var bytes: [UInt8] = []
            bytes.reserveCapacity(elements.count)
            for element in elements {
                guard let number = element.numberValue, number.rounded() == number, (0...255).contains(number) else {
                    throw D1Value.typeError(typeName: "object", value: JSValueText.string(of: json))
                }
                bytes.append(UInt8(number))
            }
            self = .blob(bytes)
        case .object:
            throw D1Value.typeError(typeName: "object", value: "[object Object]")
        }
    }

    /// The `D1_TYPE_ERROR` for a value of JS type `typeName` shown as `value`.
    static func typeError(typeName: String, value: String) -> D1Error {
        let reason = "Type '\(typeName)' not supported for value '\(value)'"
        return D1Error(.type, reason)
    }
}
