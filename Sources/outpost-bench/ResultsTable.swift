import Foundation

/// Prints results as a markdown table and checks them against their targets: the p50 limit, and each
/// larger size within `scaleLimit`× of the smallest size (by p50 and by ops/s).
struct ResultsTable {
    /// The table's heading.
    let title: String
    /// Allowed slowdown of a larger size against the smallest.
    let scaleLimit: Double
    /// The rows, in the order measured.
    let results: [BenchResult]

    /// The table's lines.
    func lines() -> [String] {
        var lines = [
            "### \(title)",
            "",
            "| operation | size | ops | p50 µs | p99 µs | ops/s | p50 target | vs smallest size | result |",
            "|---|---:|---:|---:|---:|---:|---|---|---|",
        ]
        let operations = results.map(\.operation).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for operation in operations {
            let rows = results.filter { $0.operation == operation }.sorted { $0.size < $1.size }
            guard let base = rows.first else { continue }
            for row in rows { lines.append(line(row, base: base)) }
        }
        return lines
    }

    private func line(_ row: BenchResult, base: BenchResult) -> String {
        var failures: [String] = []
        var checked = false
        var target = "—"
        if let limit = row.p50Limit {
            checked = true
            target = "≤ \(Self.format(limit))"
            if row.stats.p50 > limit { failures.append("p50") }
        }
        var scale = "baseline"
        if row.size != base.size {
            checked = true
            let ratio = max(row.stats.p50 / base.stats.p50, base.stats.opsPerSecond / row.stats.opsPerSecond)
            scale = String(format: "%.2f× (≤ %.0f×)", ratio, scaleLimit)
            if !(ratio <= scaleLimit) { failures.append("scale") }
        }
        let verdict = !checked ? "—" : failures.isEmpty ? "PASS" : "FAIL (\(failures.joined(separator: ", ")))"
        let cells = [
            row.operation, Self.size(row.size), String(row.stats.count), Self.format(row.stats.p50),
            Self.format(row.stats.p99), String(Int(row.stats.opsPerSecond.rounded())), target, scale, verdict,
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    /// `1000` as `1k`, `1000000` as `1M`, other sizes as digits.
    static func size(_ value: Int) -> String {
        if value >= 1_000_000, value % 1_000_000 == 0 { return "\(value / 1_000_000)M" }
        if value >= 1000, value % 1000 == 0 { return "\(value / 1000)k" }
        return String(value)
    }

    /// Microseconds with one decimal below 100, whole above.
    static func format(_ microseconds: Double) -> String {
        microseconds < 100 ? String(format: "%.1f", microseconds) : String(format: "%.0f", microseconds)
    }
}
