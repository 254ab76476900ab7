import Foundation
import Metrics
import Outpost
import OutpostConfig
import OutpostCron
import OutpostTesting
import Prometheus
import Testing

@testable import OutpostRuntime

/// KV, D1, request and cron metrics land in a Prometheus registry with Prometheus names and labels,
/// after real operations on real SQLite files.
@Suite("Metrics through swift-metrics")
struct StorageMetricsTests {
    /// A fresh registry and its swift-metrics factory (no process-wide bootstrap in tests).
    final class Registry: Sendable {
        let registry = PrometheusCollectorRegistry()
        var factory: any MetricsFactory { PrometheusMetricsFactory(registry: registry) }

        var text: String {
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return String(decoding: buffer, as: UTF8.self)
        }
    }

    /// A config with KV binding `CACHE` and D1 binding `DB` in a fresh state directory.
    final class Project {
        let directory: String
        var config: WorkerConfig

        init() throws {
            directory = NSTemporaryDirectory() + "outpost-metrics-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            config = WorkerConfig(file: "wrangler.toml", directory: directory)
            config.outpost.stateDir = directory + "/state"
            config.kvNamespaces = [KVNamespaceConfig(binding: "CACHE")]
            config.d1Databases = [
                D1DatabaseConfig(binding: "DB", databaseName: "main", migrationsDir: directory + "/migrations")
            ]
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }
    }

    @Test func kvOperationsAreCountedPerBindingOpAndOutcome() async throws {
        let project = try Project()
        let metrics = Registry()
        let env = try EnvFactory(config: project.config, metrics: metrics.factory).makeEnv()
        let kv = try env.kv("CACHE")
        try await kv.put("a", "1")
        try await kv.put("b", "2")
        #expect(try await kv.get("a") == "1")
        #expect(try await kv.get("missing") == nil)
        _ = try await kv.get(["a", "b"])
        _ = try await kv.list(prefix: "")
        try await kv.delete("a")
        // A key the binding rejects never reaches the storage: not an operation.
        await #expect(throws: (any Error).self) { try await kv.get("") }
        let text = metrics.text
        #expect(text.contains(#"outpost_kv_operations_total{binding="CACHE",op="put",outcome="ok"} 2"#))
        #expect(text.contains(#"outpost_kv_operations_total{binding="CACHE",op="get",outcome="hit"} 1"#))
        #expect(text.contains(#"outpost_kv_operations_total{binding="CACHE",op="get",outcome="miss"} 1"#))
        #expect(text.contains(#"outpost_kv_operations_total{binding="CACHE",op="get",outcome="error"} 0"#))
        #expect(text.contains(#"outpost_kv_operations_total{binding="CACHE",op="get_bulk",outcome="ok"} 1"#))
        #expect(text.contains(#"outpost_kv_operations_total{binding="CACHE",op="list",outcome="ok"} 1"#))
        #expect(text.contains(#"outpost_kv_operations_total{binding="CACHE",op="delete",outcome="ok"} 1"#))
        #expect(text.contains(#"outpost_kv_operation_duration_seconds_count{binding="CACHE",op="get"} 2"#))
        #expect(text.contains(#"outpost_kv_operation_duration_seconds_bucket{binding="CACHE",op="put",le="+Inf"} 2"#))
        #expect(text.contains(#"outpost_backend_errors_total{binding="CACHE",kind="kv",backend="sqlite"} 0"#))
    }

    @Test func d1RequestsAreCountedWithRowsAndOutcomes() async throws {
        let project = try Project()
        let metrics = Registry()
        let db = try EnvFactory(config: project.config, metrics: metrics.factory).makeD1Databases()["DB"]!
        try await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        try await db.prepare("INSERT INTO t (v) VALUES (?)").bind("x").run()
        try await db.batch([db.prepare("INSERT INTO t (v) VALUES ('y')"), db.prepare("INSERT INTO t (v) VALUES ('z')")])
        #expect(try await db.prepare("SELECT count(*) AS n FROM t").first(column: "n") == 3)
        await #expect(throws: D1Error.self) { try await db.prepare("SELECT * FROM nope").all() }
        let text = metrics.text
        #expect(text.contains(#"outpost_d1_operations_total{binding="DB",op="query",outcome="ok"} 3"#))
        #expect(text.contains(#"outpost_d1_operations_total{binding="DB",op="batch",outcome="ok"} 1"#))
        #expect(text.contains(#"outpost_d1_operations_total{binding="DB",op="query",outcome="error"} 1"#))
        #expect(text.contains(#"outpost_d1_operations_total{binding="DB",op="query",outcome="backend_error"} 0"#))
        #expect(text.contains(#"outpost_d1_operation_duration_seconds_count{binding="DB",op="query"} 4"#))
        #expect(text.contains(#"outpost_d1_rows_written_total{binding="DB"} 3"#))
        #expect(text.contains(#"outpost_backend_errors_total{binding="DB",kind="d1",backend="sqlite"} 0"#))
    }

    @Test func aBusyDatabaseIsABackendErrorNotAQueryError() {
        let busy = D1Error(.query, "database is locked: SQLITE_BUSY")
        let constraint = D1Error(
            .query, "UNIQUE constraint failed: t.id: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)")
        let ioError = D1Error(.query, "disk I/O error: SQLITE_IOERR (extended: SQLITE_IOERR_WRITE)")
        #expect(MeteredD1Storage.isBackendFailure(busy))
        #expect(MeteredD1Storage.isBackendFailure(ioError))
        #expect(!MeteredD1Storage.isBackendFailure(constraint))
    }

    @Test func requestsAreCountedByStatusClassWithLatencyAndInFlight() async {
        let metrics = Registry()
        let requests = RequestMetrics(factory: metrics.factory)
        _ = await requests.measure { .text("ok") }
        _ = await requests.measure { .text("ok") }
        _ = await requests.measure { .text("nope", status: 404) }
        let text = metrics.text
        #expect(text.contains(#"outpost_requests_total{class="2xx"} 2"#))
        #expect(text.contains(#"outpost_requests_total{class="4xx"} 1"#))
        #expect(text.contains(#"outpost_requests_total{class="5xx"} 0"#))
        #expect(text.contains("outpost_request_duration_seconds_count 3"))
        #expect(text.contains("outpost_requests_in_flight 0"))
    }

    @Test func cronRunsFailuresAndSkipsAreCounted() async throws {
        let metrics = Registry()
        let clock = ManualClock(now: utc("2026-01-01T10:00:30Z"))
        let started = TestGate()
        let release = TestGate()
        let cron = try CronExpression(parsing: "* * * * *")
        let scheduler = CronScheduler(
            worker: ScheduledRecorder(.block(started: started, release: release)), env: Env(), crons: [cron],
            clock: clock.cronClock, logger: RecordingLogHandler.logger().0,
            observer: CronMetrics(crons: [cron.text], factory: metrics.factory))
        let task = Task { await scheduler.run() }
        _ = await clock.sleepers(atLeast: 1)
        clock.advance(to: utc("2026-01-01T10:01:00Z"))
        await started.wait()
        _ = await clock.sleepers(atLeast: 1)
        clock.advance(to: utc("2026-01-01T10:02:00Z"))
        await scheduler.stats.waitUntil { $0.skippedOverlaps == 1 }
        release.open()
        await scheduler.stats.waitUntil { $0.runs == 1 }
        task.cancel()
        await task.value
        let failing = CronScheduler(
            worker: ScheduledRecorder(.fail("boom")), env: Env(), crons: [cron], clock: clock.cronClock,
            logger: RecordingLogHandler.logger().0, observer: CronMetrics(crons: [cron.text], factory: metrics.factory))
        let second = Task { await failing.run() }
        _ = await clock.sleepers(atLeast: 1)
        clock.advance(to: utc("2026-01-01T10:03:00Z"))
        await failing.stats.waitUntil { $0.runs == 1 }
        second.cancel()
        await second.value
        let text = metrics.text
        #expect(text.contains(#"outpost_cron_runs_total{cron="* * * * *"} 2"#))
        #expect(text.contains(#"outpost_cron_failures_total{cron="* * * * *"} 1"#))
        #expect(text.contains(#"outpost_cron_skipped_total{cron="* * * * *"} 1"#))
        #expect(text.contains(#"outpost_cron_run_duration_seconds_count{cron="* * * * *"} 2"#))
    }
}
