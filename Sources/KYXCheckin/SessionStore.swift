import Foundation
import Outpost

/// User or admin sessions: a D1 row (source of truth) cached in KV for its remaining life;
/// `expires_at` is re-checked on every read, whichever store answered.
struct SessionStore: Sendable {
    /// Which kind of session.
    enum Kind: Sendable {
        case user
        case admin

        var cookie: String { self == .user ? "session" : "admin_session" }
        var lifetime: Int { self == .user ? 7 * 86_400 : 86_400 }
        var table: String { self == .user ? "sessions" : "admin_sessions" }
        var ownerColumn: String { self == .user ? "user_id" : "admin_id" }
        func key(_ id: String) -> String {
            self == .user ? SessionCache.userKey(id) : SessionCache.adminKey(id)
        }
    }

    let ctx: AppContext
    let kind: Kind

    /// Creates a session for `ownerID`; answers the `Set-Cookie` value.
    func create(ownerID: Int) async throws -> String {
        let id = WebCrypto.hex(WebCrypto.randomBytes(32))
        let expiresAt = ctx.isoAfter(seconds: kind.lifetime)
        let sql =
            kind == .user
            ? "INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)"
            : "INSERT INTO admin_sessions (id, admin_id, expires_at, created_at) VALUES (?, ?, ?, ?)"
        _ = try await ctx.db.prepare(sql).bind(id, ownerID, expiresAt, ctx.nowISO).run()
        await ctx.caches.sessions.put(
            kind.key(id), ownerID: ownerID, expiresAt: expiresAt, remainingSeconds: kind.lifetime)
        return SessionCookie.set(kind.cookie, id, maxAge: kind.lifetime, secure: ctx.isHTTPS)
    }

    /// The owner (user or admin id) of the request's session, or the 401 error to answer.
    func requireOwner() async throws -> Int {
        guard let id = ctx.request.cookie(kind.cookie), !id.isEmpty else { throw APIError.notLoggedIn }
        guard let owner = try await owner(of: id) else { throw APIError.invalidSession }
        return owner
    }

    /// The owner of session `id` when it is live: KV first, else D1 (written back to KV).
    func owner(of id: String) async throws -> Int? {
        if let cached = await ctx.caches.sessions.get(kind.key(id)),
            let expires = cached["expiresAt"]?.stringValue, let owner = cached["ownerId"]?.intValue
        {
            ctx.metrics.d1Avoided(.sessions)
            return isLive(expires) ? owner : nil
        }
        ctx.metrics.d1Executed(.sessions)
        let sql =
            kind == .user
            ? """
            SELECT s.user_id AS owner, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.id = ? AND u.is_active = 1
            """
            : """
            SELECT s.admin_id AS owner, s.expires_at FROM admin_sessions s JOIN admins a ON a.id = s.admin_id
            WHERE s.id = ? AND s.is_active = 1 AND a.is_active = 1
            """
        guard let row = try await ctx.db.prepare(sql).bind(id).first(), let expires = row.string("expires_at"),
            isLive(expires)
        else { return nil }
        let remaining = Int(DayCalendar.parseISO(expires)?.timeIntervalSince(ctx.now) ?? 0)
        await ctx.caches.sessions.put(
            kind.key(id), ownerID: row.int("owner"), expiresAt: expires, remainingSeconds: remaining)
        return row.int("owner")
    }

    /// Ends the request's session (D1 first, then KV); answers the clearing `Set-Cookie` value.
    func destroy() async throws -> String {
        if let id = ctx.request.cookie(kind.cookie), !id.isEmpty {
            let sql =
                kind == .user
                ? "DELETE FROM sessions WHERE id = ?" : "UPDATE admin_sessions SET is_active = 0 WHERE id = ?"
            _ = try await ctx.db.prepare(sql).bind(id).run()
            await ctx.caches.sessions.delete(kind.key(id))
        }
        return SessionCookie.clear(kind.cookie, secure: ctx.isHTTPS)
    }

    private func isLive(_ expiresAt: String) -> Bool {
        guard let instant = DayCalendar.parseISO(expiresAt) else { return false }
        return instant > ctx.now
    }
}
