/// One page of `list`.
///
/// JS equivalent: `{ keys, list_complete, cursor?, cacheStatus }` returned by `list()`.
public struct KVListResult: Sendable, Equatable {
    /// The keys of this page, ascending by UTF-8 bytes. JS equivalent: `keys`.
    public let keys: [KVListKey]
    /// Whether this is the last page. JS equivalent: `list_complete`.
    public let listComplete: Bool
    /// Where the next page starts; `nil` on the last page. JS equivalent: `cursor`.
    public let cursor: String?
    /// Always `nil` for Outpost. JS equivalent: `cacheStatus`.
    public let cacheStatus: String?

    /// A page with the given parts.
    /// JS equivalent: none (the KV service builds it).
    public init(keys: [KVListKey], listComplete: Bool, cursor: String?, cacheStatus: String? = nil) {
        self.keys = keys
        self.listComplete = listComplete
        self.cursor = cursor
        self.cacheStatus = cacheStatus
    }

    /// The page as the JS object (no `cursor` property on the last page).
    /// JS equivalent: the object `await env.KV.list()` resolves to.
    public var json: JSONValue {
        var object: JSONObject = ["keys": .array(keys.map(\.json)), "list_complete": .bool(listComplete)]
        if let cursor { object["cursor"] = .string(cursor) }
        object["cacheStatus"] = cacheStatus.map(JSONValue.string) ?? .null
        return .object(object)
    }
}
