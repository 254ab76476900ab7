import Outpost

/// The cache families of one request, each over the same KV namespace with its own switch and TTL.
struct Caches: Sendable {
    let sessions: SessionCache
    let userStats: UserStatsCache
    let config: RewardConfigCache
    let rankings: RankingCache
    let inventory: InventoryCache
    let general: GeneralCache
    /// This request's KV operations, counted only when `KV_TRACE_HEADER` is on (`nil` otherwise: no
    /// allocation or lock per request for a header nobody asked for).
    let tally: KVTally?

    init(
        kv: KVNamespace?, settings: AppSettings, metrics: KYXMetrics, memory: MemoryCache? = nil, now: Double = 0,
        log: @escaping @Sendable (String) -> Void
    ) {
        let tally = settings.kvTraceHeader ? KVTally() : nil
        self.tally = tally
        func cache(_ family: CacheFamily) -> KVCache {
            KVCache(
                kv: kv, family: family, enabled: settings.cacheEnabled[family] ?? true,
                ttl: settings.cacheTTL[family] ?? family.defaultTTL, metrics: metrics, log: log, memory: memory,
                memoryTTL: settings.cacheMemoryTTL[family] ?? family.defaultMemoryTTL, now: now, tally: tally)
        }
        sessions = SessionCache(cache: cache(.sessions))
        userStats = UserStatsCache(cache: cache(.userStats))
        config = RewardConfigCache(cache: cache(.config))
        rankings = RankingCache(cache: cache(.rankings))
        inventory = InventoryCache(cache: cache(.inventory))
        general = GeneralCache(cache: cache(.general))
    }

    /// The family cache of `family`.
    func cache(for family: CacheFamily) -> KVCache {
        switch family {
        case .sessions: sessions.cache
        case .userStats: userStats.cache
        case .config: config.cache
        case .rankings: rankings.cache
        case .inventory: inventory.cache
        case .general: general.cache
        }
    }
}
