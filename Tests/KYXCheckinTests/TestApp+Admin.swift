import Foundation
import KYXCheckin
import Outpost

extension TestApp {
    /// Creates admin `username` with `password` (1,000 PBKDF2 rounds) and logs in; answers the cookie.
    func adminLogin(_ username: String = "root", password: String = "correct horse") async throws -> String {
        let hash = try PasswordHasher(iterations: 1_000).hash(password)
        _ = try await db.prepare(
            "INSERT OR IGNORE INTO admins (username, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?)"
        ).bind(username, hash, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z").run()
        let response = try await send(
            "POST", "/api/admin/login", json: ["username": .string(username), "password": .string(password)])
        guard let cookie = response.headers.getSetCookie().first else {
            throw TestFailure(message: "admin login failed: \(response.status)")
        }
        return String(cookie.prefix { $0 != ";" })
    }

    /// Uploads `text` as the TXT file of an import of `amount` dollars.
    func importCodes(_ text: String, amount: String, cookie: String) async throws -> (status: Int, body: JSONValue) {
        let boundary = "kyxboundary42"
        var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"amount\"\r\n\r\n\(amount)\r\n"
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"codes.txt\"\r\n"
        body += "Content-Type: text/plain\r\n\r\n\(text)\r\n--\(boundary)--\r\n"
        let response = try await send(
            "POST", "/api/admin/codes/import", cookie: cookie,
            headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: Array(body.utf8))
        return (response.status, try await response.json())
    }
}
