import Foundation
import Outpost
import OutpostCron
import OutpostFastCGI
import Prometheus
import Synchronization

/// The status endpoint (`[outpost] status_path`): php-fpm's status fields plus requests by status
/// class, a latency histogram, waitUntil tasks and every swift-metrics counter (KV, D1, cron), as
/// text (default), JSON (`?json`) or Prometheus/OpenMetrics text (`?prometheus` or `?openmetrics`).
struct StatusPage: Sendable {
    let name: String
    let startTime: Date
    let stats: FastCGIStats
    let tracker: WaitUntilTracker
    let listenFD: Int32
    let registry: PrometheusCollectorRegistry
    let serverMetrics: ServerMetrics
    let cronStats: CronStats
    /// The pool's shared metrics directory (a process started by the supervisor), else `nil`.
    let pool: PoolMetrics?
    private let emitting = EmitLock()

    func response(for request: Request) -> Response {
        let query = Set(request.queryItems.map(\.name))
        if query.contains("prometheus") || query.contains("openmetrics") {
            var headers = Headers()
            headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            headers.set("Cache-Control", "no-store")
            return Response(headers: headers, bytes: Array(prometheus().utf8))
        }
        let fields = self.fields()
        if query.contains("json") {
            return .json(.object(fields), headers: ["Cache-Control": "no-store"])
        }
        var lines: [String] = []
        for (key, value) in fields {
            let text = value.stringValue ?? value.serialized
            lines.append(key + ":" + String(repeating: " ", count: max(1, 22 - key.count)) + text)
        }
        return .text(lines.joined(separator: "\n") + "\n", headers: ["Cache-Control": "no-store"])
    }

    /// The php-fpm-style fields, in php-fpm's order, then Outpost's.
    func fields() -> JSONObject {
        let queue = ListenQueue.read(fd: listenFD)
        let active = stats.active
        var byClass = JSONObject()
        for (statusClass, count) in stats.responsesByClass.sorted(by: { $0.key < $1.key }) {
            byClass["\(statusClass)xx"] = .number(Double(count))
        }
        var histogram = JSONObject()
        var cumulative = 0
        for (index, count) in stats.latencyCounts.enumerated() {
            cumulative += count
            let bound =
                index < FastCGIStats.latencyBuckets.count
                ? format(FastCGIStats.latencyBuckets[index]) : "+Inf"
            histogram["le \(bound)"] = .number(Double(cumulative))
        }
        return [
            "pool": .string(name),
            "process manager": "static",
            "pid": .number(Double(getpid())),
            "start time": .number(startTime.timeIntervalSince1970.rounded()),
            "start since": .number(Date().timeIntervalSince(startTime).rounded()),
            "accepted conn": .number(Double(stats.accepted)),
            "listen queue": queue.map { .number(Double($0.waiting)) } ?? .null,
            "listen queue len": queue.map { .number(Double($0.capacity)) } ?? .null,
            "idle threads": .number(Double(max(0, stats.threads - active))),
            "active threads": .number(Double(active)),
            "total threads": .number(Double(stats.threads)),
            "max active threads": .number(Double(stats.maxActive)),
            "max threads reached": .number(Double(stats.maxThreadsReached)),
            "kept connections": .number(Double(stats.keptConnections)),
            "slow requests": .number(Double(stats.slowRequests)),
            "timed out requests": .number(Double(stats.timeouts)),
            "responses": .object(byClass),
            "latency seconds": .object(histogram),
            "waituntil in flight": .number(Double(tracker.inFlight)),
            "waituntil started": .number(Double(tracker.startedCount)),
            "waituntil failed": .number(Double(tracker.failedCount)),
            "cron runs": .number(Double(cronStats.snapshot.runs)),
            "cron failures": .number(Double(cronStats.snapshot.failures)),
            "cron skipped overlaps": .number(Double(cronStats.snapshot.skippedOverlaps)),
        ]
    }

    /// Prometheus text of the pool (see `PoolMetrics`), or of this process alone when it has no pool.
    func prometheus() -> String {
        guard let pool else { return processPrometheus() }
        return pool.merged(own: processPrometheus)
    }

    /// Prometheus text of this process: its registry (every swift-metrics metric: requests, KV, D1,
    /// crons, the worker's own), after the server's counters are copied into it. One copy-and-emit at a
    /// time: a counter being copied reads 0 for a moment.
    func processPrometheus() -> String {
        emitting.lock.withLock { _ in
            serverMetrics.update(stats: stats, tracker: tracker, listenFD: listenFD, started: startTime)
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return String(decoding: buffer, as: UTF8.self)
        }
    }
}

/// The lock a status page holds while it copies the server's counters and emits the registry.
private final class EmitLock: Sendable {
    let lock = Mutex(())
}

/// A number as the status formats write it (JSON's shortest form: `1`, `0.25`).
private func format(_ value: Double) -> String {
    JSONValue.number(value).serialized
}
