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
        let count = pairs.underestimatedCount
        // Reserving for nothing still costs a call into the dictionary: `[:]` (every `ctx.props`) stays free.
        if count > 0 {
            orderedKeys.reserveCapacity(count)
            members.reserveCapacity(count)
        }
        for (key, value) in pairs { self[key] = value }
    }

    /// A dictionary literal as an object, keys in the order written. JS equivalent: `{ a: 1 }`.
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

    /// The members in insertion order. JS equivalent: `Object.entries(object)`.
    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        orderedKeys.lazy.map { (key: $0, value: members[$0]!) }.makeIterator()
    }

    /// Whether both hold the same contents.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.orderedKeys == rhs.orderedKeys && lhs.members == rhs.members
    }

    /// Hashes the members in order, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(orderedKeys)
        for key in orderedKeys { hasher.combine(members[key]) }
    }
}
