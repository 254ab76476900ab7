/// One key as a `KVStorage` lists it: name, expiration and metadata JSON text, without the value.
///
/// JS equivalent: none (what the KV service answers to `list`).
public struct KVStoredKey: Sendable, Equatable {
    /// The key.
    public var name: String
    /// Expiration in milliseconds since the UNIX epoch, or `nil`.
    public var expiration: Int64?
    /// The metadata as JSON text, or `nil`.
    public var metadata: String?

    /// A listed key with the given parts.
    public init(name: String, expiration: Int64? = nil, metadata: String? = nil) {
        self.name = name
        self.expiration = expiration
        self.metadata = metadata
    }
}
