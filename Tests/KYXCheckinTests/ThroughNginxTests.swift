import Foundation
import OutpostTestSupport
import OutpostTesting
import Testing

/// The flagship behind real nginx: migrations and create-admin through the CLI on the same files,
/// dev login, stocking codes by TXT import, a check-in that receives one of them.
@Suite(.serialized)
struct ThroughNginxTests {
    static var executable: String { OutpostStack.productsDirectory + "/kyx-checkin" }
    static var config: String {
        """
        name = "kyx-it"
        [vars]
        DEV_LOGIN_ENABLED = "true"
        ADMIN_PBKDF2_ITERATIONS = "1000"
        [[kv_namespaces]]
        binding = "KV"
        id = "kyx-kv"
        [[d1_databases]]
        binding = "DB"
        database_name = "kyx-db"
        migrations_dir = "\(OutpostStack.packageRoot)/migrations"
        """
    }

    private func cookie(_ response: HTTPTestResponse, _ name: String) -> String? {
        response.values("set-cookie").first { $0.hasPrefix(name + "=") }.map { String($0.prefix { $0 != ";" }) }
    }

    @Test func checkInThroughNginxGetsAnImportedCode() throws {
        let stack = try OutpostStack(executable: Self.executable, config: Self.config)
        defer { stack.stop() }
        #expect(try stack.command(["d1", "migrations", "apply", "DB"]).code == 0)
        #expect(
            try stack.command(["create-admin", "root"], environment: ["KYX_ADMIN_PASSWORD": "integration-pass"]).code
                == 0)
        let origin = [("Origin", "http://localhost")]
        let login = try stack.request(
            "POST", "/dev/login", headers: origin + [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("username=nginx-user".utf8))
        #expect(login.status == 302)
        let user = try #require(cookie(login, "session"))
        let admin = try stack.request(
            "POST", "/api/admin/login", headers: origin + [("Content-Type", "application/json")],
            body: Array(#"{"username":"root","password":"integration-pass"}"#.utf8))
        let adminCookie = try #require(cookie(admin, "admin_session"))
        let boundary = "itboundary"
        let form =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"amount\"\r\n\r\n10\r\n--\(boundary)\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"c.txt\"\r\n\r\nNGINX0001\nNGINX0002\r\n--\(boundary)--\r\n"
        let imported = try stack.request(
            "POST", "/api/admin/codes/import",
            headers: origin + [("Cookie", adminCookie), ("Content-Type", "multipart/form-data; boundary=\(boundary)")],
            body: Array(form.utf8))
        #expect(imported.status == 200)
        #expect(imported.text.contains("\"validCodes\":2"))
        let checkIn = try stack.request("POST", "/api/checkin", headers: origin + [("Cookie", user)])
        #expect(checkIn.status == 200)
        #expect(checkIn.text.contains("\"redemptionCode\":\"NGINX0001\""))
        let home = try stack.request("GET", "/")
        #expect(home.text.contains("每日签到"))
    }
}
