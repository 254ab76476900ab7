import Outpost

/// The sessions family: `session:<id>` and `admin_session:<id>`, living as long as the session.
struct SessionCache: Sendable {
    let cache: KVCache

    /// The cached session `{ownerId, expiresAt}` for `key`.
    func get(_ key: String) async -> JSONObject? { await cache.get(key)?.objectValue }

    /// Caches a session for its remaining life.
    func put(_ key: String, ownerID: Int, expiresAt: String, remainingSeconds: Int) async {
        await cache.put(
            key, ["ownerId": .number(Double(ownerID)), "expiresAt": .string(expiresAt)], ttl: remainingSeconds)
    }

    /// Drops a session (logout).
    func delete(_ key: String) async { await cache.delete(key) }

    /// The key of a user session.
    static func userKey(_ id: String) -> String { "session:" + id }

    /// The key of an admin session.
    static func adminKey(_ id: String) -> String { "admin_session:" + id }
}
