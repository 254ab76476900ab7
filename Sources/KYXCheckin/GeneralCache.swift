import Outpost

/// The general family: `cache:*` (admin dashboard stats and the like), short TTL; admin writes
/// invalidate the dashboard figures.
struct GeneralCache: Sendable {
    let cache: KVCache

    /// The value of `cache:<name>`: from KV, else `load()`.
    func value(_ name: String, load: () async throws -> JSONValue) async throws -> JSONValue {
        try await cache.fetch("cache:" + name, load: load)
    }

    /// Drops `cache:<name>` so the next read loads it from D1.
    func invalidate(_ name: String) async {
        await cache.delete("cache:" + name)
    }
}
