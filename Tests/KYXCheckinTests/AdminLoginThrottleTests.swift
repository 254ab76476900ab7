import Foundation
import Outpost
import OutpostTesting
import Testing

@testable import KYXCheckin

/// Issue 11 item 3 in process: the per-username and per-address throttle (429 with `Retry-After`,
/// refused before hashing, always ending) and the bounded password-hashing pool.
@Suite("Admin login throttle")
struct AdminLoginThrottleTests {
    private func attempt(
        _ app: TestApp, _ username: String, _ password: String, from address: String
    ) async throws -> Response {
        try await app.send(
            "POST", "/api/admin/login", json: ["username": .string(username), "password": .string(password)],
            headers: [("CF-Connecting-IP", address)])
    }

    @Test func repeatedFailuresForAUsernameAreThrottledAndTheBlockEnds() async throws {
        let app = try await TestApp()
        _ = try await app.adminLogin()
        for guess in 1...5 {
            let response = try await attempt(app, "root", "guess \(guess)", from: "203.0.113.\(guess)")
            #expect(response.status == 200)
            #expect(try await response.json()["message"] == "用户名或密码错误")
        }
        // Blocked: even the right password is refused, with Retry-After, from any address.
        let blocked = try await attempt(app, "root", "correct horse", from: "198.51.100.7")
        #expect(blocked.status == 429)
        let retry = try #require(blocked.headers["retry-after"].flatMap { Int($0) })
        #expect((1...LoginThrottle.maxBlock).contains(retry))
        #expect(try await blocked.json()["success"] == false)
        // The block ends: no permanent lockout of the real admin.
        app.clock.advance(seconds: Double(retry))
        let after = try await attempt(app, "root", "correct horse", from: "198.51.100.7")
        #expect(after.status == 200)
        #expect(try await after.json()["success"] == true)
    }

    @Test func repeatedFailuresFromOneAddressAreThrottledAcrossUsernames() async throws {
        let app = try await TestApp()
        _ = try await app.adminLogin()
        var statuses: [Int] = []
        for guess in 1...25 {
            statuses.append(try await attempt(app, "name\(guess)", "guess", from: "192.0.2.66").status)
        }
        #expect(statuses.prefix(20).allSatisfy { $0 == 200 })
        #expect(statuses.suffix(5).allSatisfy { $0 == 429 })
        // Another address is not affected; the block grows but never exceeds the maximum.
        #expect(try await attempt(app, "root", "correct horse", from: "192.0.2.67").status == 200)
        #expect(
            try await app.count(
                "SELECT MAX(blocked_until) - \(Int(app.clock.now.timeIntervalSince1970)) FROM admin_login_throttle")
                <= LoginThrottle.maxBlock)
    }

    @Test func theHashingPoolRefusesBeyondItsBoundInsteadOfQueueingForever() async throws {
        // The pool's one thread is held until the test lets each verification finish, so "one hashing,
        // one waiting" lasts as long as the test needs it, however loaded the machine is.
        let gate = DispatchSemaphore(value: 0)
        let pool = PasswordHashPool(threads: 1, queueLimit: 1) { password, _ in
            gate.wait()
            return password == "right password"
        }
        async let first = pool.verify("wrong", against: "stored")
        async let second = pool.verify("right password", against: "stored")
        for _ in 0..<500 where pool.inFlight < 2 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(pool.inFlight == 2)
        // Two are admitted (one hashing, one waiting): a third is refused at once.
        #expect(await pool.verify("third", against: "stored") == nil)
        gate.signal()
        gate.signal()
        #expect(await first == false)
        #expect(await second == true)
        #expect(pool.inFlight == 0)
        // Room again once they finished.
        gate.signal()
        #expect(await pool.verify("right password", against: "stored") == true)
    }
}
