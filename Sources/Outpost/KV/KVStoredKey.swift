/// One key as a `KVStorage` lists it: name, expiration and metadata JSON text, without the value.
///
/// JS equivalent: none (what the KV service answers to `list`).
public struct KVStoredKey: Sendable, Equatable {
    /// The key.
    /// JS equivalent: `key.name` of a listed key.
    public var name: String
    /// Expiration in milliseconds since the UNIX epoch, or `nil`.
    /// JS equivalent: `key.expiration` (here in ms).
    public var expiration: Int64?
    /// The metadata as JSON text, or `nil`.
    /// JS equivalent: `key.metadata` as JSON text.
    public var metadata: String?

    /// A listed key with the given parts.
    /// JS equivalent: none.
    public init(name: String, expiration: Int64? = nil, metadata: String? = nil) {
        self.name = name
        self.expiration = expiration
        self.metadata = metadata
    }
}
