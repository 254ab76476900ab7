/// One entry as a `KVStorage` returns it: the raw value, metadata JSON text and expiration.
///
/// JS equivalent: none (what the KV service answers to `get`).
public struct KVStoredValue: Sendable, Equatable {
    /// The value's bytes.
    public var value: [UInt8]
    /// The metadata as JSON text, or `nil` when none was set.
    public var metadata: String?
    /// Expiration in milliseconds since the UNIX epoch, or `nil` when the key never expires.
    public var expiration: Int64?

    /// An entry with the given parts.
    public init(value: [UInt8], metadata: String? = nil, expiration: Int64? = nil) {
        self.value = value
        self.metadata = metadata
        self.expiration = expiration
    }
}
