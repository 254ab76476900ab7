import Foundation

/// A JSON value that keeps the order of object keys, as `JSON.parse` and `JSON.stringify` do in a Worker.
///
/// JS equivalent: any value returned by `JSON.parse` (object, array, string, number, boolean, `null`).
public enum JSONValue: Sendable, Equatable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Parses JSON text. JS equivalent: `JSON.parse(text)`.
    public init(parsing text: String) throws(JSONParseError) {
        self = try JSONParser.parse(Array(text.utf8))
    }

    /// Parses JSON from UTF-8 bytes. JS equivalent: `JSON.parse(new TextDecoder().decode(bytes))`.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONParseError) {
        self = try JSONParser.parse(Array(bytes))
    }

    /// Converts any `Encodable` value, keeping the key order the encoder produced.
    /// JS equivalent: `JSON.parse(JSON.stringify(value))`.
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = try encoder.encode(value)
        self = try JSONParser.parse(Array(data))
    }

    /// Compact JSON text. JS equivalent: `JSON.stringify(value)`.
    public var serialized: String {
        String(decoding: serializedBytes, as: UTF8.self)
    }

    /// Compact JSON text as UTF-8 bytes (a response body). JS equivalent: `JSON.stringify(value)`, encoded.
    package var serializedBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        JSONSerializer.write(self, into: &out)
        return out
    }

    /// JSON text indented by two spaces. JS equivalent: `JSON.stringify(value, null, 2)`.
    public var prettyPrinted: String {
        var out: [UInt8] = []
        JSONSerializer.writePretty(self, indent: "", into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes this value into a `Decodable` type.
    /// JS equivalent: `JSON.parse(text)` typed by a schema.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(serialized.utf8))
    }

    /// The string, when this is a string.
    /// JS equivalent: `typeof v === "string" ? v : undefined`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, when this is a number.
    /// JS equivalent: `typeof v === "number" ? v : undefined`.
    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The number as an `Int`, when this is a number without a fractional part.
    /// JS equivalent: `Number.isInteger(v) ? v : undefined`.
    public var intValue: Int? {
        guard case .number(let value) = self, value.rounded() == value, abs(value) < 9.2e18 else { return nil }
        return Int(value)
    }

    /// The Boolean, when this is a Boolean.
    /// JS equivalent: `typeof v === "boolean" ? v : undefined`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, when this is an array.
    /// JS equivalent: `Array.isArray(v) ? v : undefined`.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object, when this is an object.
    /// JS equivalent: `typeof v === "object" && v !== null && !Array.isArray(v) ? v : undefined`.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    /// JS equivalent: `v === null`.
    public var isNull: Bool { self == .null }

    /// The member named `key` of an object, or `nil`. JS equivalent: `value[key]`.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The element at `index` of an array, or `nil` when out of range. JS equivalent: `value[index]`.
    public subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `nil` as JSON `null`. JS equivalent: `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A Boolean literal as a JSON boolean. JS equivalent: `true` / `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal as a JSON number. JS equivalent: a number literal.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A floating-point literal as a JSON number. JS equivalent: a number literal.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A string literal as a JSON string. JS equivalent: a string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array literal as a JSON array. JS equivalent: `[a, b]`.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A dictionary literal as an object, keys in the order written. JS equivalent: `{ a: 1 }`.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}

extension JSONValue: CustomStringConvertible {
    /// The text `print` and string interpolation show for this value.
    public var description: String { serialized }
}

extension JSONValue: Codable {
    /// Decodes any JSON value. JS equivalent: `JSON.parse`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            let dictionary = try container.decode([String: JSONValue].self)
            self = .object(JSONObject(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
    }

    /// Encodes the value as the same JSON. JS equivalent: `JSON.stringify`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value):
            var dictionary: [String: JSONValue] = [:]
            for (key, member) in value { dictionary[key] = member }
            try container.encode(dictionary)
        }
    }
}
