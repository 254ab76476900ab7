import Foundation
import Outpost
import OutpostCron
import OutpostFastCGI
import Prometheus

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
    let cronStats: CronStats

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

    /// Prometheus text: the server's own gauges and counters, then the swift-metrics registry.
    func prometheus() -> String {
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples {
                out +=
                    name + (sample.labels.isEmpty ? "" : "{\(sample.labels)}") + " "
                    + format(sample.value) + "\n"
            }
        }
        let queue = ListenQueue.read(fd: listenFD)
        metric(
            "outpost_start_time_seconds", "gauge", "When the worker process started.",
            [("", startTime.timeIntervalSince1970.rounded())])
        metric("outpost_accepted_connections_total", "counter", "Requests accepted.", [("", Double(stats.accepted))])
        metric(
            "outpost_listen_queue", "gauge", "Connections waiting in the accept queue.",
            [("", Double(queue?.waiting ?? 0))])
        metric(
            "outpost_threads", "gauge", "Accept threads by state.",
            [
                ("state=\"active\"", Double(stats.active)),
                ("state=\"idle\"", Double(max(0, stats.threads - stats.active))),
            ])
        metric(
            "outpost_max_active_threads", "gauge", "The most requests served at once.", [("", Double(stats.maxActive))])
        metric(
            "outpost_max_threads_reached_total", "counter", "Requests accepted while every thread was busy.",
            [("", Double(stats.maxThreadsReached))])
        metric(
            "outpost_slow_requests_total", "counter", "Requests slower than slowlog_ms.",
            [("", Double(stats.slowRequests))])
        metric(
            "outpost_timed_out_requests_total", "counter", "Requests answered 504 by request_timeout_ms.",
            [("", Double(stats.timeouts))])
        metric(
            "outpost_responses_total", "counter", "Responses by status class.",
            stats.responsesByClass.sorted { $0.key < $1.key }.map { ("class=\"\($0.key)xx\"", Double($0.value)) })
        out +=
            "# HELP outpost_request_duration_seconds Time from accept to the end of the response.\n# TYPE outpost_request_duration_seconds histogram\n"
        var cumulative = 0
        for (index, count) in stats.latencyCounts.enumerated() {
            cumulative += count
            let bound =
                index < FastCGIStats.latencyBuckets.count
                ? format(FastCGIStats.latencyBuckets[index]) : "+Inf"
            out += "outpost_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        out += "outpost_request_duration_seconds_sum \(format(stats.latencySum))\n"
        out += "outpost_request_duration_seconds_count \(cumulative)\n"
        metric("outpost_waituntil_tasks", "gauge", "waitUntil tasks running.", [("", Double(tracker.inFlight))])
        metric(
            "outpost_waituntil_started_total", "counter", "waitUntil tasks started.",
            [("", Double(tracker.startedCount))])
        metric(
            "outpost_waituntil_failed_total", "counter", "waitUntil tasks that threw.",
            [("", Double(tracker.failedCount))])
        let cron = cronStats.snapshot
        metric(
            "outpost_cron_runs_total", "counter", "Scheduled runs by cron.",
            cron.crons.map { ("cron=\"\($0.expression)\"", Double($0.runs)) })
        metric(
            "outpost_cron_failures_total", "counter", "Scheduled runs that threw, by cron.",
            cron.crons.map { ("cron=\"\($0.expression)\"", Double($0.failures)) })
        metric(
            "outpost_cron_skipped_total", "counter",
            "Runs skipped because the previous run of the cron was still going.",
            cron.crons.map { ("cron=\"\($0.expression)\"", Double($0.skippedOverlaps)) })
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return out + String(decoding: buffer, as: UTF8.self)
    }
}

/// A number as the status formats write it (JSON's shortest form: `1`, `0.25`).
private func format(_ value: Double) -> String {
    JSONValue.number(value).serialized
}
