/// The members of a table-valued var, in the order the config wrote them.
///
/// JS equivalent: the object a JSON var parses to (`Object.keys` keeps the written order).
public struct VarObject: Sendable, Equatable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The keys in written order. JS equivalent: `Object.keys(env.NAME)`.
    public private(set) var keys: [String] = []
    private var members: [String: VarValue] = [:]

    /// An empty table. JS equivalent: `{}`.
    public init() {}

    /// A table from `pairs`; a repeated key keeps its first position and its last value.
    /// JS equivalent: `Object.fromEntries(pairs)`.
    public init(_ pairs: some Sequence<(String, VarValue)>) {
        for (key, value) in pairs { self[key] = value }
    }

    /// A table from a literal, in the literal's order. JS equivalent: an object literal.
    public init(dictionaryLiteral elements: (String, VarValue)...) {
        self.init(elements)
    }

    /// The member named `key`; setting a value appends a new key or replaces an existing one.
    /// JS equivalent: `object[key]`.
    public subscript(key: String) -> VarValue? {
        get { members[key] }
        set {
            guard let newValue else {
                if members.removeValue(forKey: key) != nil { keys.removeAll { $0 == key } }
                return
            }
            if members.updateValue(newValue, forKey: key) == nil { keys.append(key) }
        }
    }

    /// The members in written order. JS equivalent: `Object.entries(object)`.
    public func makeIterator() -> some IteratorProtocol<(key: String, value: VarValue)> {
        keys.lazy.map { (key: $0, value: members[$0]!) }.makeIterator()
    }
}
