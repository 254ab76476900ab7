import Foundation
import KYXCheckin
import Outpost
import Testing

/// The KV plan's expected effect (checkin-app.md §6), measured on the same simulated traffic with
/// caching on and off: session queries −80%, stats −70%, config −95%.
@Suite("Load simulation")
struct LoadSimulationTests {
    static let users = 40
    static let requestsPerUser = 20

    /// Each user logs in, checks in once, and browses; answers the worker's metrics.
    private func simulate(caching: Bool) async throws -> KYXMetrics {
        // The production defaults (memory level and login warm-up on) against every family off.
        var vars: [String: JSONValue] = [
            "WARM_AT_LOGIN": "true", "CACHE_SESSIONS_MEMORY_TTL": "10", "CACHE_USER_STATS_MEMORY_TTL": "30",
            "CACHE_CONFIG_MEMORY_TTL": "60", "CACHE_RANKINGS_MEMORY_TTL": "60",
        ]
        if !caching {
            for family in CacheFamily.allCases {
                vars["CACHE_\(family.rawValue.uppercased())_ENABLED"] = "false"
            }
        }
        let app = try await TestApp(vars: vars)
        try await app.stock(Self.users, cents: 1000, prefix: "LOAD")
        let paths = ["/api/user", "/api/stats", "/api/checkin/status", "/api/codes/recent", "/api/ranking?type=today"]
        for index in 0..<Self.users {
            let cookie = try await app.login("load\(index)")
            for step in 0..<Self.requestsPerUser {
                if step == 3 {
                    _ = try await app.send("POST", "/api/checkin", cookie: cookie)
                } else {
                    _ = try await app.send("GET", paths[step % paths.count], cookie: cookie)
                }
            }
        }
        return app.metrics
    }

    @Test func cachingCutsD1QueriesAsTheBriefEstimates() async throws {
        let on = try await simulate(caching: true)
        let off = try await simulate(caching: false)
        func reduction(_ family: CacheFamily) -> Double {
            let baseline = Double(off.d1Counts(family).executed)
            return baseline == 0 ? 0 : 1 - Double(on.d1Counts(family).executed) / baseline
        }
        #expect(reduction(.sessions) >= 0.80)
        #expect(reduction(.userStats) >= 0.70)
        #expect(reduction(.config) >= 0.95)
        #expect(off.counts(.sessions).hits == 0)
        #expect(on.counts(.sessions).hits > 0)
    }
}
