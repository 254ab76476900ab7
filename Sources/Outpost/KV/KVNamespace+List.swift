import Foundation

extension KVNamespace {
    /// One page of keys starting with `prefix` (literally), ascending by UTF-8 bytes.
    ///
    /// JS equivalent: `await env.KV.list({ prefix, limit, cursor })`. `limit` defaults to (and may
    /// not exceed) 1000; pass the previous page's `cursor` to continue after its last key. Keys
    /// added after the cursor position while paginating are returned; keys before it are not.
    public func list(prefix: String? = nil, limit: Int? = nil, cursor: String? = nil) async throws -> KVListResult {
        var pageSize = KVLimits.maxListKeys
        if let limit, limit > 0 {
            guard limit <= KVLimits.maxListKeys else {
                throw KVError(
                    .get, 400,
                    "Invalid key_count_limit of \(limit). Please specify an integer less than \(KVLimits.maxListKeys).")
            }
            pageSize = limit
        }
        if let prefix { try KVNamespace.validateKeyLength(prefix, .get) }
        let startAfter = cursor.flatMap(KVNamespace.decodeCursor)
        let stored: [KVStoredKey]
        do {
            stored = try await storage.list(
                prefix: prefix ?? "", startAfter: startAfter, limit: pageSize + 1, now: clock.now())
        } catch {
            throw KVNamespace.backendError(.get, error)
        }
        let page = stored.prefix(pageSize)
        let keys = page.map { key in
            KVListKey(
                name: key.name,
                expiration: key.expiration.map { Int(KVNamespace.seconds($0)) },
                metadata: KVNamespace.parse(key.metadata))
        }
        guard stored.count > pageSize, let last = page.last else {
            return KVListResult(keys: keys, listComplete: true, cursor: nil)
        }
        return KVListResult(keys: keys, listComplete: false, cursor: KVNamespace.encodeCursor(last.name))
    }

    /// The cursor meaning "start after `key`": base64 of its UTF-8 bytes (as the local KV service makes it).
    static func encodeCursor(_ key: String) -> String {
        Data(key.utf8).base64EncodedString()
    }

    /// The key a cursor starts after, or `nil` for a cursor that is not base64 of UTF-8.
    static func decodeCursor(_ cursor: String) -> String? {
        guard !cursor.isEmpty, let data = Data(base64Encoded: cursor) else { return nil }
        return String(bytes: data, encoding: .utf8)
    }
}
