import Foundation
import Outpost

/// User or admin sessions: a D1 row (source of truth) cached in KV for its remaining life;
/// `expires_at` is re-checked on every read, whichever store answered.
///
/// The cookie carries a random token; D1 and KV hold only its SHA-256 (`SessionToken`), so a copy of
/// either store opens no session. Deactivating the owner ends every session at once (`endAll`).
struct SessionStore: Sendable {
    /// Which kind of session.
    enum Kind: Sendable {
        case user
        case admin

        var cookie: String { self == .user ? "session" : "admin_session" }
        var lifetime: Int { self == .user ? 7 * 86_400 : 86_400 }
        func key(_ storedID: String) -> String {
            self == .user ? SessionCache.userKey(storedID) : SessionCache.adminKey(storedID)
        }
    }

    let ctx: AppContext
    let kind: Kind

    /// Creates a session for `ownerID` when the owner is active; answers the `Set-Cookie` value, or
    /// `nil` when the owner is missing or deactivated (the insert is conditional, so a deactivation
    /// committed first always wins).
    func create(ownerID: Int) async throws -> String? {
        let token = SessionToken.random()
        let storedID = SessionToken.storedID(of: token)
        let expiresAt = ctx.isoAfter(seconds: kind.lifetime)
        let sql =
            kind == .user
            ? """
            INSERT INTO sessions (id, user_id, expires_at, created_at)
            SELECT ?, id, ?, ? FROM users WHERE id = ? AND is_active = 1
            """
            : """
            INSERT INTO admin_sessions (id, admin_id, expires_at, created_at)
            SELECT ?, id, ?, ? FROM admins WHERE id = ? AND is_active = 1
            """
        let inserted = try await ctx.db.prepare(sql).bind(storedID, expiresAt, ctx.nowISO, ownerID).run()
        guard inserted.meta.changes == 1 else { return nil }
        let expires = ctx.now.timeIntervalSince1970 + Double(kind.lifetime)
        await ctx.caches.sessions.keep(
            kind.key(storedID), ownerID: ownerID, expires: expires, remainingSeconds: kind.lifetime)
        return SessionCookie.set(kind.cookie, token, maxAge: kind.lifetime, secure: ctx.isHTTPS)
    }

    /// The owner (user or admin id) of the request's session, or the 401 error to answer.
    func requireOwner() async throws -> Int {
        guard let token = ctx.request.cookie(kind.cookie), !token.isEmpty else { throw APIError.notLoggedIn }
        guard let owner = try await owner(of: token) else { throw APIError.invalidSession }
        return owner
    }

    /// The owner of the session whose cookie value is `token`, when it is live: KV first, else D1
    /// (written back to KV).
    func owner(of token: String) async throws -> Int? {
        guard SessionToken.isWellFormed(token) else { return nil }
        let storedID = SessionToken.storedID(of: token)
        let now = ctx.now.timeIntervalSince1970
        if let cached = await ctx.caches.sessions.get(kind.key(storedID)) {
            ctx.metrics.d1Avoided(.sessions)
            return cached.expires > now ? cached.ownerID : nil
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
        guard let row = try await ctx.db.prepare(sql).bind(storedID).first(),
            let expires = row.string("expires_at").flatMap(DayCalendar.epochSeconds), expires > now
        else { return nil }
        await ctx.caches.sessions.put(
            kind.key(storedID), ownerID: row.int("owner"), expires: expires, remainingSeconds: Int(expires - now))
        return row.int("owner")
    }

    /// Ends the request's session (D1 first, then KV); answers the clearing `Set-Cookie` value.
    func destroy() async throws -> String {
        if let token = ctx.request.cookie(kind.cookie), SessionToken.isWellFormed(token) {
            let storedID = SessionToken.storedID(of: token)
            let sql =
                kind == .user
                ? "DELETE FROM sessions WHERE id = ?" : "UPDATE admin_sessions SET is_active = 0 WHERE id = ?"
            _ = try await ctx.db.prepare(sql).bind(storedID).run()
            await ctx.caches.sessions.delete(kind.key(storedID))
        }
        return SessionCookie.clear(kind.cookie, secure: ctx.isHTTPS)
    }

    /// Sets the owner's `is_active` and, when deactivating, ends every one of its sessions: D1 in one
    /// batch (flag, the session ids, their removal), then each KV copy. Answers whether the owner
    /// exists and how many sessions ended.
    func setActive(ownerID: Int, _ active: Bool) async throws -> (found: Bool, ended: Int) {
        let (ownerTable, sessionTable, ownerColumn) =
            kind == .user ? ("users", "sessions", "user_id") : ("admins", "admin_sessions", "admin_id")
        let results = try await ctx.db.batch([
            try ctx.db.prepare("UPDATE \(ownerTable) SET is_active = ?, updated_at = ? WHERE id = ?")
                .bind(active ? 1 : 0, ctx.nowISO, ownerID),
            try ctx.db.prepare("SELECT id FROM \(sessionTable) WHERE \(ownerColumn) = ? AND ?").bind(ownerID, !active),
            try ctx.db.prepare("DELETE FROM \(sessionTable) WHERE \(ownerColumn) = ? AND ?").bind(ownerID, !active),
        ])
        let ended = results[1].results.compactMap { $0.string("id") }
        for storedID in ended { await ctx.caches.sessions.delete(kind.key(storedID)) }
        return (results[0].meta.changes == 1, ended.count)
    }
}
