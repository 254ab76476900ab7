public import Foundation
public import Outpost

/// Creates the first admin, or resets an admin's password, in the D1 database `DB`: what
/// `kyx-checkin create-admin` does. The password is hashed with PBKDF2-SHA256 at
/// `ADMIN_PBKDF2_ITERATIONS` rounds and never printed.
///
/// JS equivalent: a one-off script run with `wrangler d1 execute DB --command "INSERT INTO admins …"`.
public struct AdminAccountSetup: Sendable {
    /// The admin's username (1 to 64 characters).
    /// JS equivalent: the script's `username` argument.
    public let username: String

    /// Setup for `username`; throws when it is empty or longer than 64 characters.
    /// JS equivalent: the script's argument check.
    public init(username: String) throws(AdminSetupError) {
        guard !username.isEmpty, username.count <= 64 else {
            throw AdminSetupError(message: "the username must have 1 to 64 characters", exitCode: 64)
        }
        self.username = username
    }

    /// Writes the admin with `password` (at least 12 characters) into `env`'s `DB`, active, and
    /// returns what to tell the operator. JS equivalent: `await env.DB.prepare("INSERT … ON CONFLICT …").bind(…).run()`.
    public func apply(password: String, env: Env, now: Date = Date()) async throws(AdminSetupError) -> AdminSetupReport
    {
        guard password.count >= 12 else {
            throw AdminSetupError(message: "the password must have at least 12 characters", exitCode: 65)
        }
        guard env.bindingKind("DB") != nil else {
            throw AdminSetupError(message: "no D1 binding \"DB\" in \(env.configFile)", exitCode: 66)
        }
        let iterations = AppSettings(env: env).pbkdf2Iterations
        var warnings: [String] = []
        if iterations < PasswordHasher.defaultIterations {
            warnings.append(
                "ADMIN_PBKDF2_ITERATIONS=\(iterations) is below \(PasswordHasher.defaultIterations); use it for tests only"
            )
        }
        let rounds = max(1, iterations)
        do {
            let hash = try PasswordHasher(iterations: rounds).hash(password)
            let stamp = ISO8601DateFormatter().string(from: now)
            _ = try await env.d1("DB").prepare(
                """
                INSERT INTO admins (username, password_hash, is_active, created_at, updated_at) VALUES (?, ?, 1, ?, ?)
                ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, is_active = 1,
                  updated_at = excluded.updated_at
                """
            ).bind(username, hash, stamp, stamp).run()
        } catch {
            throw AdminSetupError(message: "\(error)", exitCode: 1)
        }
        return AdminSetupReport(
            warnings: warnings, message: "admin \"\(username)\" is ready (PBKDF2-SHA256, \(rounds) iterations)")
    }
}
