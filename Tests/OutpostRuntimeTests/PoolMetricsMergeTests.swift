import Foundation
import Testing

@testable import OutpostRuntime

/// How the pool's Prometheus text combines its processes' texts.
@Suite struct PoolMetricsMergeTests {
    static let first = """
        # HELP outpost_requests_total Requests.
        # TYPE outpost_requests_total counter
        outpost_requests_total{class="2xx"} 30
        outpost_requests_total{class="5xx"} 1
        # TYPE outpost_request_duration_seconds histogram
        outpost_request_duration_seconds_bucket{le="0.005"} 20
        outpost_request_duration_seconds_bucket{le="+Inf"} 31
        outpost_request_duration_seconds_sum 0.25
        outpost_request_duration_seconds_count 31
        # TYPE outpost_threads gauge
        outpost_threads{state="idle"} 3
        # TYPE outpost_listen_queue gauge
        outpost_listen_queue 4
        # TYPE outpost_start_time_seconds gauge
        outpost_start_time_seconds 1700000100
        # TYPE kyx_codes_unissued gauge
        kyx_codes_unissued{amount_cents="500"} 12

        """
    static let second = """
        # TYPE outpost_requests_total counter
        outpost_requests_total{class="2xx"} 12
        # TYPE outpost_request_duration_seconds histogram
        outpost_request_duration_seconds_bucket{le="0.005"} 2
        outpost_request_duration_seconds_bucket{le="+Inf"} 12
        outpost_request_duration_seconds_sum 0.5
        outpost_request_duration_seconds_count 12
        # TYPE outpost_threads gauge
        outpost_threads{state="idle"} 2
        # TYPE outpost_listen_queue gauge
        outpost_listen_queue 4
        # TYPE outpost_start_time_seconds gauge
        outpost_start_time_seconds 1700000000
        # TYPE kyx_codes_unissued gauge
        kyx_codes_unissued{amount_cents="500"} 11

        """

    private func value(_ series: String, _ families: [PrometheusFamily]) -> Double? {
        families.flatMap(\.samples).first { $0.series == series }?.value
    }

    @Test func countersAndHistogramsAreSummedAndGaugesCombinedByMeaning() {
        let merged = PoolMetrics.merge(live: [("101", Self.first), ("102", Self.second)], counted: [])
        #expect(value(#"outpost_requests_total{class="2xx"}"#, merged) == 42)
        #expect(value(#"outpost_requests_total{class="5xx"}"#, merged) == 1)
        #expect(value(#"outpost_request_duration_seconds_bucket{le="+Inf"}"#, merged) == 43)
        #expect(value("outpost_request_duration_seconds_sum", merged) == 0.75)
        #expect(value(#"outpost_threads{state="idle"}"#, merged) == 5)
        #expect(value("outpost_listen_queue", merged) == 4, "one socket: its depth, not a sum")
        #expect(value("outpost_start_time_seconds", merged) == 1_700_000_000)
        #expect(value(#"kyx_codes_unissued{amount_cents="500",pid="101"}"#, merged) == 12)
        #expect(value(#"kyx_codes_unissued{amount_cents="500",pid="102"}"#, merged) == 11)
        #expect(merged.first?.help == "Requests.")
    }

    @Test func anExitedProcessCountsItsTotalsButNotItsGauges() {
        let merged = PoolMetrics.merge(live: [("101", Self.first)], counted: [Self.second])
        #expect(value(#"outpost_requests_total{class="2xx"}"#, merged) == 42)
        #expect(value(#"outpost_threads{state="idle"}"#, merged) == 3)
        #expect(value(#"kyx_codes_unissued{amount_cents="500",pid="101"}"#, merged) == 12)
        #expect(merged.flatMap(\.samples).filter { $0.series.hasPrefix("kyx_codes_unissued") }.count == 1)
    }

    @Test func theMergedTextReadsBackAsWhatWasMerged() {
        let merged = PoolMetrics.merge(live: [("101", Self.first), ("102", Self.second)], counted: [])
        let text = PrometheusText.render(merged)
        #expect(PrometheusText.parse(text) == merged)
        #expect(text.contains("outpost_request_duration_seconds_bucket{le=\"+Inf\"} 43\n"))
        #expect(text.contains("# TYPE outpost_request_duration_seconds histogram\n"))
    }

    @Test func aPoolFoldsAnExitedProcessIntoItsRetiredTotals() throws {
        let state = NSTemporaryDirectory() + "pool-metrics-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: state) }
        // pid 1 lives for the whole test: "our" supervisor; a pid far above pid_max never runs.
        let exited = try PoolMetrics(stateDir: state, supervisor: 1, pid: 2_147_483_000)
        exited.publish { Self.second }
        let live = try PoolMetrics(stateDir: state, supervisor: 1)
        let text = live.merged { Self.first }
        #expect(text.contains("outpost_requests_total{class=\"2xx\"} 42\n"))
        #expect(!FileManager.default.fileExists(atPath: exited.ownFile))
        #expect(try String(contentsOfFile: live.directory + "/retired.prom", encoding: .utf8).contains("} 12\n"))
        #expect(live.merged { Self.first }.contains("outpost_requests_total{class=\"2xx\"} 42\n"), "counted once")
    }
}
