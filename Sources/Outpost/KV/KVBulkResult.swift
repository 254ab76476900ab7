/// The answer to a bulk `get`: every requested key in request order, `nil` for a missing one.
///
/// JS equivalent: the `Map<string, T | null>` returned by `get(keys[])` / `getWithMetadata(keys[])`.
public struct KVBulkResult<Value: Sendable>: Sendable, Sequence {
    /// The requested keys, in request order without duplicates. JS equivalent: `[...map.keys()]`.
    public let keys: [String]
    /// The value of each key in `keys` (`nil` when missing). JS equivalent: `[...map.values()]`.
    public let values: [Value?]

    /// A result pairing `keys` with `values`.
    /// JS equivalent: none (the KV service builds the `Map`).
    public init(keys: [String], values: [Value?]) {
        precondition(keys.count == values.count, "one value per key")
        self.keys = keys
        self.values = values
    }

    /// The number of keys. JS equivalent: `map.size`.
    public var count: Int { keys.count }

    /// The value of `key`, or `nil` when it is missing or was not requested. JS equivalent: `map.get(key)`.
    public subscript(key: String) -> Value? {
        guard let index = keys.firstIndex(where: { $0.utf8.elementsEqual(key.utf8) }) else { return nil }
        return values[index]
    }

    /// Whether `key` was requested. JS equivalent: `map.has(key)`.
    public func contains(_ key: String) -> Bool {
        keys.contains { $0.utf8.elementsEqual(key.utf8) }
    }

    /// Key and value pairs in request order. JS equivalent: `map.entries()`.
    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value?)> {
        zip(keys, values).lazy.map { (key: $0.0, value: $0.1) }.makeIterator()
    }
}
