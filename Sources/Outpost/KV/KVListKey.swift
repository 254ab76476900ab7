/// One key of a `list` page.
///
/// JS equivalent: an element of `keys` in the `list()` result: `{ name, expiration?, metadata? }`.
public struct KVListKey: Sendable, Equatable {
    /// The key. JS equivalent: `name`.
    public let name: String
    /// Absolute expiration in seconds since the UNIX epoch, when set. JS equivalent: `expiration`.
    public let expiration: Int?
    /// The metadata, when set. JS equivalent: `metadata`.
    public let metadata: JSONValue?

    /// A listed key with the given parts.
    /// JS equivalent: none (the KV service builds it).
    public init(name: String, expiration: Int? = nil, metadata: JSONValue? = nil) {
        self.name = name
        self.expiration = expiration
        self.metadata = metadata
    }

    /// The key as the JS object: `{"name": …}` plus `expiration` and `metadata` only when set.
    /// JS equivalent: one element of `(await env.KV.list()).keys`.
    public var json: JSONValue {
        var object: JSONObject = ["name": .string(name)]
        if let expiration { object["expiration"] = .number(Double(expiration)) }
        if let metadata { object["metadata"] = metadata }
        return .object(object)
    }
}
