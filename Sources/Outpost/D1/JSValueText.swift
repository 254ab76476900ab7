/// JavaScript's `String(value)` for JSON values, used to word D1's type errors as workerd does.
enum JSValueText {
    /// `String(value)`: arrays join their elements with commas, objects are `[object Object]`.
    static func string(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let value): number(value)
        case .string(let text): text
        case .array(let elements): elements.map(element).joined(separator: ",")
        case .object: "[object Object]"
        }
    }

    /// An array element inside `String(array)`: `null` becomes the empty string.
    private static func element(_ value: JSONValue) -> String {
        value == .null ? "" : string(of: value)
    }

    /// A number as JavaScript prints it (integral values without a fraction).
    static func number(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number.rounded() == number, abs(number) < 1e21 { return String(Int64(number)) }
        return String(number)
    }
}
