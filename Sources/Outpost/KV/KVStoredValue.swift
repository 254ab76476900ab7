/// One entry as a `KVStorage` returns it: the raw value, metadata JSON text and expiration.
///
/// JS equivalent: none (what the KV service answers to `get`).
public struct KVStoredValue: Sendable, Equatable {
    /// The value's bytes.
    /// JS equivalent: the value bytes.
    public var value: [UInt8]
    /// The metadata as JSON text, or `nil` when none was set.
    /// JS equivalent: the `metadata` of `getWithMetadata`, as JSON text.
    public var metadata: String?
    /// Expiration in milliseconds since the UNIX epoch, or `nil` when the key never expires.
    /// JS equivalent: the key's expiration (here in ms).
    public var expiration: Int64?

    /// An entry with the given parts.
    /// JS equivalent: none.
    public init(value: [UInt8], metadata: String? = nil, expiration: Int64? = nil) {
        self.value = value
        self.metadata = metadata
        self.expiration = expiration
    }
}
