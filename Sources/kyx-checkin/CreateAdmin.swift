import ArgumentParser
import Foundation
import KYXCheckin
import Outpost
import OutpostConfig
import OutpostRuntime

/// `kyx-checkin create-admin <username> [--config FILE] [--env NAME] [--persist-to DIR]`: creates the
/// admin (or resets its password) in the D1 database `DB` of the config. The password is read from
/// `KYX_ADMIN_PASSWORD` or, when unset, from the first line of standard input; it is never printed.
struct CreateAdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "Create the first admin, or reset an admin's password (from KYX_ADMIN_PASSWORD or stdin).")

    @Argument(help: "The admin's username (1 to 64 characters).")
    var username: String

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard !username.isEmpty, username.count <= 64 else {
            throw ValidationError("the username must have 1 to 64 characters")
        }
    }

    func run() async throws {
        let status = await create()
        if status != 0 { throw ExitCode(status) }
    }

    /// Creates or updates the admin; answers the exit status.
    private func create() async -> Int32 {
        let password =
            ProcessInfo.processInfo.environment["KYX_ADMIN_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
        guard password.count >= 12 else {
            FileHandle.standardError.write(Data("create-admin: the password must have at least 12 characters\n".utf8))
            return 65
        }
        do {
            let config = try options.load()
            guard let db = try EnvFactory(config: config).makeD1Databases()["DB"] else {
                FileHandle.standardError.write(Data("create-admin: no D1 binding \"DB\" in \(config.file)\n".utf8))
                return 66
            }
            let iterations =
                Int(config.vars["ADMIN_PBKDF2_ITERATIONS"]?.stringValue ?? "") ?? PasswordHasher.defaultIterations
            if iterations < PasswordHasher.defaultIterations {
                FileHandle.standardError.write(
                    Data(
                        "create-admin: WARNING: ADMIN_PBKDF2_ITERATIONS=\(iterations) is below \(PasswordHasher.defaultIterations); use it for tests only\n"
                            .utf8))
            }
            let hash = try PasswordHasher(iterations: max(1, iterations)).hash(password)
            let now = ISO8601DateFormatter().string(from: Date())
            _ = try await db.prepare(
                """
                INSERT INTO admins (username, password_hash, is_active, created_at, updated_at) VALUES (?, ?, 1, ?, ?)
                ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, is_active = 1,
                  updated_at = excluded.updated_at
                """
            ).bind(username, hash, now, now).run()
            print(
                "admin \"\(username)\" is ready (PBKDF2-SHA256, \(max(1, iterations)) iterations)"
            )
            return 0
        } catch {
            FileHandle.standardError.write(Data("create-admin: \(error)\n".utf8))
            return 1
        }
    }
}
