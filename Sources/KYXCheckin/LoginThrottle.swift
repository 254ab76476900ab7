import Foundation
import Outpost

/// The admin-login brute-force throttle, in D1 so every worker process and host shares it: failed
/// logins are counted per username (`user:<name>`, 5 in 15 minutes) and per client address
/// (`ip:<address>`, 20 in 15 minutes); past the limit the key is blocked for 30 s, doubling with each
/// further failure up to 15 minutes. A block always ends (no permanent lockout of a real admin), and
/// a blocked attempt is refused before any password hashing.
struct LoginThrottle: Sendable {
    let ctx: AppContext

    /// Failures counted within this many seconds.
    static let window = 900
    /// The longest block, in seconds.
    static let maxBlock = 900
    /// The first block, in seconds.
    static let firstBlock = 30

    /// A throttled key and its limit.
    struct Key: Sendable {
        let name: String
        let limit: Int

        static func username(_ username: String) -> Key { Key(name: "user:" + username.lowercased(), limit: 5) }
        static func address(_ address: String) -> Key { Key(name: "ip:" + address, limit: 20) }
    }

    private var now: Int { Int(ctx.now.timeIntervalSince1970) }

    /// Seconds until every one of `keys` may try again, or `nil` when none is blocked.
    func retryAfter(_ keys: [Key]) async throws -> Int? {
        let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        let until =
            try await ctx.db.prepare(
                "SELECT MAX(blocked_until) AS until FROM admin_login_throttle WHERE key IN (\(placeholders))"
            ).bind(keys.map(\.name)).first()?.int("until") ?? 0
        return until > now ? until - now : nil
    }

    /// Counts one failure against each of `keys`; answers the seconds to wait when that blocked one.
    func recordFailure(_ keys: [Key]) async throws -> Int? {
        var blockedFor: Int?
        for key in keys {
            let fresh = now - Self.window
            let failures =
                try await ctx.db.prepare(
                    """
                    INSERT INTO admin_login_throttle (key, failures, window_start, blocked_until) VALUES (?, 1, ?, 0)
                    ON CONFLICT (key) DO UPDATE SET
                      failures = CASE WHEN window_start <= ? AND blocked_until <= ? THEN 1 ELSE failures + 1 END,
                      window_start = CASE WHEN window_start <= ? AND blocked_until <= ? THEN ? ELSE window_start END
                    RETURNING failures
                    """
                ).bind(key.name, now, fresh, now, fresh, now, now).first()?.int("failures") ?? 1
            guard failures >= key.limit else { continue }
            let block = min(Self.maxBlock, Self.firstBlock << min(failures - key.limit, 5))
            _ = try await ctx.db.prepare("UPDATE admin_login_throttle SET blocked_until = ? WHERE key = ?")
                .bind(now + block, key.name).run()
            blockedFor = max(blockedFor ?? 0, block)
        }
        return blockedFor
    }

    /// Forgets the failures of `keys` (a successful login).
    func reset(_ keys: [Key]) async throws {
        let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        _ = try await ctx.db.prepare("DELETE FROM admin_login_throttle WHERE key IN (\(placeholders))")
            .bind(keys.map(\.name)).run()
    }
}
