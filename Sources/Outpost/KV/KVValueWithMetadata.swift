/// A value together with its metadata.
///
/// JS equivalent: the `{ value, metadata, cacheStatus }` object of `getWithMetadata`.
public struct KVValueWithMetadata<Value: Sendable>: Sendable {
    /// The value, or `nil` when the key is missing. JS equivalent: `value`.
    public let value: Value?
    /// The metadata set by `put`, or `nil` when none. JS equivalent: `metadata`.
    public let metadata: JSONValue?
    /// Always `nil` for Outpost (no edge cache). JS equivalent: `cacheStatus`.
    public let cacheStatus: String?

    /// A result with the given parts.
    /// JS equivalent: none (the KV service builds it).
    public init(value: Value?, metadata: JSONValue?, cacheStatus: String? = nil) {
        self.value = value
        self.metadata = metadata
        self.cacheStatus = cacheStatus
    }
}

extension KVValueWithMetadata: Equatable where Value: Equatable {}
