import Foundation
import KYXCheckin
import Outpost
import OutpostRedis
import OutpostTestSupport
import OutpostTesting
import Testing

/// The flagship with its KV on a real Redis that is killed under load and comes back.
@Suite("KYX with KV on Redis")
struct RedisKVDegradeTests {
    @Test func redisKilledUnderLoadThenBack() async throws {
        let server = try RedisTestServer()
        let storage = RedisKVStorage(
            binding: "KV", namespace: "kyx", endpoint: server.unixEndpoint,
            options: RedisKVOptions(connectTimeoutMs: 200, commandTimeoutMs: 500, clock: .caller))
        let app = try await TestApp(kvStorage: storage)
        try await app.stock(3, cents: 1000, prefix: "RDS")
        let cookie = try await app.login("ivy")
        #expect(try await app.json("POST", "/api/checkin", cookie: cookie).body["redemptionCode"]?.stringValue != nil)
        _ = try await app.json("GET", "/api/stats", cookie: cookie)
        _ = try await app.json("GET", "/api/stats", cookie: cookie)
        let hitsBefore = app.metrics.counts(.userStats).hits
        #expect(hitsBefore > 0, "stats are served from the Redis cache while it is up")

        server.kill()
        let statuses = try await load(app, cookie: cookie, rounds: 6)
        #expect(statuses.allSatisfy { $0 < 500 }, "no 5xx while Redis is down: \(statuses)")
        #expect(app.metrics.counts(.sessions).errors > 0)
        #expect(app.metrics.counts(.userStats).errors > 0)
        let stats = try await app.json("GET", "/api/stats", cookie: cookie).body
        #expect(stats["stats"]?["totalDays"] == 1, "answered from D1")

        try server.restart()
        let deadline = Date().addingTimeInterval(10)
        while app.metrics.counts(.userStats).hits <= hitsBefore, Date() < deadline {
            #expect(try await app.json("GET", "/api/stats", cookie: cookie).status < 500)
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(app.metrics.counts(.userStats).hits > hitsBefore, "hits recover once Redis is back")
    }

    /// `rounds` × 4 user endpoints, 8 requests at a time; every status.
    private func load(_ app: TestApp, cookie: String, rounds: Int) async throws -> [Int] {
        let paths = ["/api/user", "/api/checkin/status", "/api/stats", "/api/ranking?type=today"]
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for round in 0..<rounds {
                for path in paths {
                    group.addTask { try await app.json("GET", path, cookie: cookie).status }
                    if round % 2 == 0 { group.addTask { try await app.json("GET", path, cookie: cookie).status } }
                }
            }
            var statuses: [Int] = []
            for try await status in group { statuses.append(status) }
            return statuses
        }
    }
}
