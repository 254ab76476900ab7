import Foundation
import Glibc

/// The metrics of a whole worker pool, so a scrape that reaches any process reads the pool's figures.
///
/// Each worker process writes its registry's Prometheus text to `<state_dir>/metrics/pool-<supervisor
/// pid>/<pid>-<start>.prom` every second and once more when it exits; the process that answers a scrape
/// writes its own file afresh and merges every file:
/// - counters and histograms are summed over every process the pool has had, so they never go
///   backwards when a reload or a crash replaces a process (an exited process's figures are folded into
///   `retired.prom` and its file removed);
/// - the runtime's gauges are combined over the processes alive now — threads, kept connections,
///   requests in flight and `waitUntil` tasks summed, the shared listen queue's depth the largest, the
///   start time the earliest;
/// - any other gauge (a worker's own, the Redis breaker's) is one series per live process, with a `pid`
///   label (aggregate with `max/min/sum without (pid)` in queries and rules).
///
/// The directory is 0700 and the files 0600.
struct PoolMetrics: Sendable {
    /// The pool's directory.
    let directory: String
    /// This process's file.
    let ownFile: String

    /// Gauges of the runtime summed over the live processes.
    static let summedGauges: Set<String> = [
        "outpost_threads", "outpost_requests_in_flight", "outpost_waituntil_tasks", "outpost_max_active_threads",
        "outpost_kept_connections",
    ]
    /// How old a process's file may be and its gauges still count as live.
    static let liveSeconds: TimeInterval = 5

    /// The pool of the supervisor `supervisor` under `stateDir`; removes the directories of pools whose
    /// supervisor is gone.
    init(stateDir: String, supervisor: Int32, pid: Int32 = getpid()) throws {
        let root = stateDir + "/metrics"
        directory = root + "/pool-\(supervisor)"
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let start = UInt64(Date().timeIntervalSince1970 * 1_000_000)
        ownFile = directory + "/\(pid)-\(start).prom"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            guard entry.hasPrefix("pool-"), let other = Int32(entry.dropFirst(5)), other != supervisor,
                !Self.isAlive(other)
            else { continue }
            try? FileManager.default.removeItem(atPath: root + "/" + entry)
        }
    }

    /// Writes this process's `text` (atomically: a reader sees the old file or the new one).
    /// The text is rendered under the pool's lock, so a file never goes back to older figures.
    func publish(_ text: () -> String) {
        withLock { Self.write(text(), to: ownFile) }
    }

    /// The pool's Prometheus text: `own()` (this process's text now) published, then every process's
    /// file merged; the files of processes that exited are folded into `retired.prom` on the way.
    /// Every figure comes from a file, and each file's counters only grow, so successive scrapes never
    /// see a pool counter go backwards, whichever processes answer them (a sibling's figures are at
    /// most a second old).
    func merged(own: () -> String) -> String {
        withLock {
            Self.write(own(), to: ownFile)
            let siblings = self.files()
            let retiredPath = directory + "/retired.prom"
            var retired = (try? String(contentsOfFile: retiredPath, encoding: .utf8)) ?? ""
            let exited = siblings.filter { $0.state == .exited }
            if !exited.isEmpty {
                retired = PrometheusText.render(Self.merge(live: [], counted: [retired] + exited.map(\.text)))
                Self.write(retired, to: retiredPath)
                for file in exited { unlink(file.path) }
            }
            let live = siblings.filter { $0.state == .live }.map { ($0.pid, $0.text) }
            let silent = siblings.filter { $0.state == .silent }.map(\.text)
            return PrometheusText.render(Self.merge(live: live, counted: [retired] + silent))
        }
    }

    // MARK: Merging

    /// How a family's series combine across processes.
    private enum Combination {
        case sum, largest, smallest, perProcess, skipped

        /// `old` and `new` values of one series combined (per-process series never meet: summed).
        func combine(_ old: Double, _ new: Double) -> Double {
            switch self {
            case .largest: max(old, new)
            case .smallest: min(old, new)
            default: old + new
            }
        }
    }

    /// `live` (pid, text) and `counted` texts (exited or silent processes: their counters and histograms
    /// only) as one set of families, in the order they first appear.
    static func merge(live: [(pid: String, text: String)], counted: [String]) -> [PrometheusFamily] {
        var merged: [PrometheusFamily] = []
        var familyIndex: [String: Int] = [:]
        var sampleIndex: [String: Int] = [:]
        let inputs = live.map { (pid: Optional($0.pid), text: $0.text) } + counted.map { (pid: nil, text: $0) }
        for input in inputs {
            for family in PrometheusText.parse(input.text) {
                let combination = combination(of: family, live: input.pid != nil)
                if case .skipped = combination { continue }
                let index: Int
                if let known = familyIndex[family.name] {
                    index = known
                } else {
                    index = merged.count
                    familyIndex[family.name] = index
                    merged.append(
                        PrometheusFamily(name: family.name, help: family.help, type: family.type, samples: []))
                }
                for sample in family.samples {
                    var series = sample.series
                    if case .perProcess = combination, let pid = input.pid {
                        series = PrometheusText.adding(label: "pid", value: pid, to: series)
                    }
                    // A series names its metric, and a metric belongs to one family: the series is the key.
                    if let at = sampleIndex[series] {
                        merged[index].samples[at].value = combination.combine(
                            merged[index].samples[at].value, sample.value)
                    } else {
                        sampleIndex[series] = merged[index].samples.count
                        merged[index].samples.append(PrometheusFamily.Sample(series: series, value: sample.value))
                    }
                }
            }
        }
        return merged
    }

    private static func combination(of family: PrometheusFamily, live: Bool) -> Combination {
        switch family.type {
        case "counter", "histogram", "untyped": return .sum
        case "gauge" where live:
            if summedGauges.contains(family.name) { return .sum }
            if family.name == "outpost_listen_queue" { return .largest }
            if family.name == "outpost_start_time_seconds" { return .smallest }
            return .perProcess
        case "summary" where live: return .perProcess
        default: return .skipped
        }
    }

    // MARK: Files

    private enum State { case live, silent, exited }

    /// Every process's file (this one's too), read, with whether the process is alive and writing.
    private func files() -> [(path: String, pid: String, text: String, state: State)] {
        let now = Date()
        var files: [(path: String, pid: String, text: String, state: State)] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where name.hasSuffix(".prom") && name != "retired.prom" {
            let path = directory + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let processID = String(name.prefix { $0 != "-" })
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            let state: State =
                if let other = Int32(processID), !Self.isAlive(other) {
                    .exited
                } else if let modified, now.timeIntervalSince(modified) <= Self.liveSeconds {
                    .live
                } else {
                    .silent  // alive but not writing: its totals count, its gauges do not
                }
            files.append((path, processID, text, state))
        }
        return files
    }

    /// Runs `body` holding the pool directory's lock (one merge at a time across the processes).
    private func withLock<T>(_ body: () -> T) -> T {
        let fd = open(directory + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return body() }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        return body()
    }

    private static func write(_ text: String, to path: String) {
        let temporary = path + ".tmp.\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            guard n > 0 else { break }
            written += n
        }
        close(fd)
        if written == bytes.count { rename(temporary, path) } else { unlink(temporary) }
    }

    private static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
