import Foundation

/// A JSON object whose members keep their insertion order.
///
/// JS equivalent: a plain object; like JS, setting an existing key keeps its position.
public struct JSONObject: Sendable, Equatable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    private var orderedKeys: [String] = []
    private var members: [String: JSONValue] = [:]

    /// An empty object.
    /// JS equivalent: `{}`.
    public init() {}

    /// An object from key-value pairs; a repeated key keeps its first position and its last value.
    /// JS equivalent: `Object.fromEntries(pairs)`.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        for (key, value) in pairs { self[key] = value }
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    /// The keys in order. JS equivalent: `Object.keys(object)`.
    public var keys: [String] { orderedKeys }

    /// The number of members.
    /// JS equivalent: `Object.keys(object).length`.
    public var count: Int { orderedKeys.count }

    /// Whether the object has no members.
    /// JS equivalent: `Object.keys(object).length === 0`.
    public var isEmpty: Bool { orderedKeys.isEmpty }

    /// The member named `key`; setting `nil` removes it. JS equivalent: `object[key]`, `delete object[key]`.
    public subscript(key: String) -> JSONValue? {
        get { members[key] }
        set {
            if let newValue {
                if members.updateValue(newValue, forKey: key) == nil { orderedKeys.append(key) }
            } else if members.removeValue(forKey: key) != nil {
                orderedKeys.removeAll { $0 == key }
            }
        }
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        orderedKeys.lazy.map { (key: $0, value: members[$0]!) }.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.orderedKeys == rhs.orderedKeys && lhs.members == rhs.members
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(orderedKeys)
        for key in orderedKeys { hasher.combine(members[key]) }
    }
}
