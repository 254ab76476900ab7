import Outpost

/// The user-stats family: `user_stats:<userId>`, 1 h, invalidated by check-in, distribution and resolve.
struct UserStatsCache: Sendable {
    let cache: KVCache

    /// The stats of `userID`: from KV, else `load()`.
    func stats(userID: Int, load: () async throws -> JSONValue) async throws -> JSONValue {
        try await cache.fetch(Self.key(userID), load: load)
    }

    /// Invalidates the stats of every user in `userIDs`.
    func invalidate(_ userIDs: [Int]) async {
        for id in userIDs { await cache.delete(Self.key(id)) }
    }

    static func key(_ userID: Int) -> String { "user_stats:\(userID)" }
}
