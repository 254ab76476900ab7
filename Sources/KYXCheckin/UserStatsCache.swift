import Outpost

/// The user-stats family: `user_stats:<userId>`, 1 h, written by the day's check-in, invalidated by
/// distribution and resolve (lookups in `UserStatsService`).
struct UserStatsCache: Sendable {
    let cache: KVCache

    /// Invalidates the stats of every user in `userIDs`.
    func invalidate(_ userIDs: [Int]) async {
        for id in userIDs { await cache.delete(Self.key(id)) }
    }

    static func key(_ userID: Int) -> String { "user_stats:\(userID)" }
}
