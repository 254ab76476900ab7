/// A table of a config file (TOML table or JSON object): keys in the order they were first written, each with its value.
public struct ConfigTable: Sendable, Equatable, Sequence {
    /// The keys in the order they appear in the document.
    public private(set) var keys: [String] = []
    private var values: [String: ConfigValue] = [:]

    /// An empty table.
    public init() {}

    /// The value for `key`, or `nil`.
    public subscript(key: String) -> ConfigValue? {
        values[key]
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// Whether the table has no keys.
    public var isEmpty: Bool { keys.isEmpty }

    /// Sets `key` to `value`, appending the key if it is new.
    public mutating func set(_ key: String, to value: ConfigValue) {
        if values.updateValue(value, forKey: key) == nil { keys.append(key) }
    }

    /// The entries in document order.
    public func makeIterator() -> some IteratorProtocol<(key: String, value: ConfigValue)> {
        keys.lazy.map { (key: $0, value: values[$0]!) }.makeIterator()
    }
}
