import Foundation
import OutpostTestSupport

/// The alerting rules in `ops/prometheus` and what the tests read from them.
enum AlertRules {
    static let directory = OutpostStack.packageRoot + "/ops/prometheus"
    static let rulesPath = directory + "/kyx-alerts.yml"
    static let testsPath = directory + "/kyx-alerts.test.yml"
    static let scrapeConfigPath = directory + "/prometheus.yml"

    /// The rules file's text.
    static func rules() throws -> String { try String(contentsOfFile: rulesPath, encoding: .utf8) }

    /// The alert names the rules define, in file order.
    static func alertNames() throws -> [String] {
        try rules().split(separator: "\n").compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.hasPrefix("- alert: ") ? String(text.dropFirst(9)) : nil
        }
    }

    /// The metric families the rules' expressions read from the flagship (`kyx_*`, `outpost_*`),
    /// as they appear in the exposition (`_bucket` of a histogram included).
    static func metricFamilies() throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: #"\b(?:kyx|outpost)_[a-z_]+\b"#)
        var names = Set<String>()
        for line in try rules().split(separator: "\n") {
            let text = String(line)
            guard !text.contains("summary:"), !text.contains("description:"), !text.hasPrefix("#") else { continue }
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                names.insert(String(text[Range(match.range, in: text)!]))
            }
        }
        return names
    }

    /// For each alert name in the unit tests: whether some case expects it to fire and some expects it quiet.
    static func testedCases() throws -> [String: (fires: Bool, quiet: Bool)] {
        let lines = try String(contentsOfFile: testsPath, encoding: .utf8).split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var cases: [String: (fires: Bool, quiet: Bool)] = [:]
        for (index, line) in lines.enumerated() where line.hasPrefix("alertname: ") {
            let name = String(line.dropFirst(11))
            guard index + 1 < lines.count, lines[index + 1].hasPrefix("exp_alerts:") else { continue }
            var seen = cases[name] ?? (false, false)
            if lines[index + 1] == "exp_alerts: []" { seen.quiet = true } else { seen.fires = true }
            cases[name] = seen
        }
        return cases
    }

    /// Debian's `promtool` on `PATH`, or `nil`.
    static func promtool() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { $0 + "/promtool" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }
}
