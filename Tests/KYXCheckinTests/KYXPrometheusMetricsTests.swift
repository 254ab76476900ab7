import Foundation
import KYXCheckin
import Outpost
import OutpostTesting
import Prometheus
import Testing

/// The flagship's cache families and the D1 queries they avoid reach swift-metrics (the status page's
/// `?prometheus`) with family labels, after real requests on real SQLite files.
@Suite("KYX metrics through swift-metrics")
struct KYXPrometheusMetricsTests {
    @Test func cacheHitsMissesAndAvoidedQueriesAreRecordedPerFamily() async throws {
        let app = try await TestApp()
        let cookie = try await app.login("prom")
        // Checked in today, so a miss writes the stats to KV; the check-in's own copy is dropped.
        _ = try await app.json("POST", "/api/checkin", cookie: cookie)
        try await app.kv.delete("user_stats:1")
        let registry = PrometheusCollectorRegistry()
        let worker = KYXWorker(
            clock: CheckinClock { [clock = app.clock] in clock.now },
            metrics: KYXMetrics(factory: PrometheusMetricsFactory(registry: registry)),
            log: { _ in })
        for _ in 0..<2 {
            var headers = Headers()
            headers.set("Host", "kyx.test")
            headers.set("Cookie", cookie)
            let request = Request(url: URL(string: "http://kyx.test/api/stats")!, method: "GET", headers: headers)
            #expect(try await worker.fetch(request, env: app.env, ctx: ExecutionContext()).status == 200)
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        let text = String(decoding: buffer, as: UTF8.self)
        // The first /api/stats misses user_stats and runs its query; the second is answered from KV.
        #expect(text.contains(#"kyx_cache_lookups_total{family="user_stats",result="miss"} 1"#))
        #expect(text.contains(#"kyx_cache_lookups_total{family="user_stats",result="hit"} 1"#))
        #expect(text.contains(#"kyx_d1_queries_total{family="user_stats",result="avoided"} 1"#))
        #expect(text.contains(#"kyx_d1_queries_total{family="user_stats",result="executed"} 1"#))
        #expect(text.contains(#"kyx_cache_kv_operations_total{family="user_stats",op="write"} 1"#))
        #expect(text.contains(#"kyx_cache_lookups_total{family="sessions",result="hit"} 2"#))
        #expect(text.contains(#"kyx_route_duration_seconds_count{route="#))
    }
}
