import Foundation

/// One `wrk` run against a URL, with the counts the zero-failure tests read from its report.
struct WrkRun {
    /// Requests completed.
    var requests = 0
    /// Responses that were not 2xx or 3xx.
    var non2xx = 0
    /// Connect, read, write and timeout errors added up.
    var socketErrors = 0
    /// The full report, for failure messages.
    var report = ""

    /// Starts `wrk` for `seconds` with `connections` (with `script`, a wrk Lua script file: the
    /// requests it makes); `during` runs while it does (on this thread).
    static func run(
        url: String, seconds: Int, connections: Int = 16, script: String? = nil, during: () throws -> Void = {}
    ) throws -> WrkRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        process.arguments =
            ["-t2", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s"] + (script.map { ["-s", $0] } ?? []) + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let collected = PipeCollector(output)
        try during()
        process.waitUntilExit()
        return parse(collected.wait())
    }

    static func parse(_ report: String) -> WrkRun {
        var run = WrkRun(report: report)
        for line in report.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.contains("requests in") { run.requests = Int(text.split(separator: " ").first ?? "") ?? 0 }
            if text.hasPrefix("Non-2xx or 3xx responses:") {
                run.non2xx = Int(text.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
            }
            if text.hasPrefix("Socket errors:") {
                // "Socket errors: connect 0, read 1, write 0, timeout 0"
                run.socketErrors = text.dropFirst("Socket errors:".count).split(separator: ",").reduce(0) {
                    $0 + (Int($1.split(separator: " ").last ?? "") ?? 0)
                }
            }
        }
        return run
    }
}

/// Reads a pipe to its end on a background thread.
final class PipeCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text = ""

    init(_ pipe: Pipe) {
        Thread.detachNewThread { [self] in
            text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            done.signal()
        }
    }

    func wait() -> String {
        done.wait()
        return text
    }
}
