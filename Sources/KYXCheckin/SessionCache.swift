import Outpost

/// The sessions family: `session:<stored id>` and `admin_session:<stored id>` (the SHA-256 of the
/// cookie), holding `{ownerId, expires}` (epoch seconds, so a read parses no timestamp) for as long as
/// the session lives.
struct SessionCache: Sendable {
    let cache: KVCache

    /// A cached session.
    struct Entry: Sendable {
        let ownerID: Int
        /// Epoch seconds after which the session is over.
        let expires: Double
    }

    /// The cached session of `key`, or `nil` on a miss (or an entry of another shape).
    func get(_ key: String) async -> Entry? {
        guard let object = await cache.get(key)?.objectValue, let owner = object["ownerId"]?.intValue,
            let expires = object["expires"]?.numberValue
        else { return nil }
        return Entry(ownerID: owner, expires: expires)
    }

    /// Caches a session for its remaining life.
    func put(_ key: String, ownerID: Int, expires: Double, remainingSeconds: Int) async {
        await cache.put(
            key, ["ownerId": .number(Double(ownerID)), "expires": .number(expires.rounded(.down))],
            ttl: remainingSeconds)
    }

    /// Keeps a new session: in the memory level when the family has one — the login's own page load
    /// reads it there, and a read after it expired finds it in D1 and writes it to KV then, so a visit
    /// that ends within the memory level's life costs no KV write — else straight in KV.
    func keep(_ key: String, ownerID: Int, expires: Double, remainingSeconds: Int) async {
        guard cache.memoryTTL > 0, cache.memory != nil else {
            await put(key, ownerID: ownerID, expires: expires, remainingSeconds: remainingSeconds)
            return
        }
        cache.remember(
            key, ["ownerId": .number(Double(ownerID)), "expires": .number(expires.rounded(.down))],
            ttl: remainingSeconds)
    }

    /// Drops a session (logout, deactivation).
    func delete(_ key: String) async { await cache.delete(key) }

    /// The key of a user session.
    static func userKey(_ storedID: String) -> String { "session:" + storedID }

    /// The key of an admin session.
    static func adminKey(_ storedID: String) -> String { "admin_session:" + storedID }
}
