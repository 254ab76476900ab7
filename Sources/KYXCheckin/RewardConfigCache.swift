import Outpost

/// The system-config family: `checkin_rewards` (and `config:*`), 24 h, invalidated on admin edits.
struct RewardConfigCache: Sendable {
    let cache: KVCache
    static let rewardsKey = "checkin_rewards"

    /// The active reward rows: from KV, else `load()`.
    func rewards(load: () async throws -> JSONValue) async throws -> JSONValue {
        try await cache.fetch(Self.rewardsKey, load: load)
    }

    /// Stores freshly computed rewards (hourly warm-up, admin warm-up) unless KV holds the same: an
    /// unchanged config costs a read, and is written again only once its 24 h have run out.
    func store(_ rewards: JSONValue) async { await cache.putIfChanged(Self.rewardsKey, rewards) }

    /// Invalidates the rewards config.
    func invalidate() async { await cache.delete(Self.rewardsKey) }
}
