import Outpost

/// The rankings family: `ranking:<date>:today` and `ranking:streak`, 5 min plus margin, rewritten by cron.
struct RankingCache: Sendable {
    let cache: KVCache

    /// The ranking under `key` and the level that answered: from memory or KV, else `load()`.
    func ranking(key: String, load: () async throws -> JSONValue) async throws
        -> (value: JSONValue, source: CacheSource)
    {
        try await cache.fetchTraced(key, load: load)
    }

    /// Stores a recomputed ranking (cron, warm-up).
    func store(key: String, _ ranking: JSONValue) async { await cache.put(key, ranking) }

    static func todayKey(_ date: String) -> String { "ranking:\(date):today" }
    static let streakKey = "ranking:streak"
}
