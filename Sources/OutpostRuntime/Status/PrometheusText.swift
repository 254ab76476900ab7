/// One metric family of Prometheus text exposition: its `# HELP` and `# TYPE` lines and its samples,
/// each a series (the metric name with its labels, as written) and a value.
struct PrometheusFamily: Equatable {
    var name: String
    var help: String?
    var type: String
    var samples: [Sample]

    struct Sample: Equatable {
        var series: String
        var value: Double
    }
}

/// Reads and writes the Prometheus text format (version 0.0.4) as swift-prometheus emits it: one
/// `# HELP` and `# TYPE` line per family, then samples `name{label="value",…} value`, no timestamps.
enum PrometheusText {
    /// The families of `text`, in order. A sample whose name is neither its family's nor one of its
    /// `_bucket`/`_sum`/`_count` series starts an `untyped` family of its own; malformed lines are skipped.
    static func parse(_ text: String) -> [PrometheusFamily] {
        var families: [PrometheusFamily] = []
        var help: (name: String, text: String)?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst(7)
                let name = rest.prefix { $0 != " " }
                help = (String(name), String(rest.dropFirst(name.count + 1)))
            } else if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ")
                guard parts.count == 2 else { continue }
                let name = String(parts[0])
                families.append(
                    PrometheusFamily(
                        name: name, help: help?.name == name ? help?.text : nil, type: String(parts[1]), samples: []))
            } else if !line.hasPrefix("#"), let sample = Self.sample(line) {
                let name = Self.metricName(of: sample.series)
                if let last = families.last, Self.belongs(name, to: last) {
                    families[families.count - 1].samples.append(sample)
                } else {
                    families.append(PrometheusFamily(name: name, help: nil, type: "untyped", samples: [sample]))
                }
            }
        }
        return families
    }

    /// `families` as Prometheus text.
    static func render(_ families: [PrometheusFamily]) -> String {
        var text = ""
        for family in families where !family.samples.isEmpty {
            if let help = family.help { text += "# HELP \(family.name) \(help)\n" }
            text += "# TYPE \(family.name) \(family.type)\n"
            for sample in family.samples { text += "\(sample.series) \(format(sample.value))\n" }
        }
        return text
    }

    /// `series` with `label="value"` added to its label set.
    static func adding(label: String, value: String, to series: String) -> String {
        if series.hasSuffix("}") {
            let inner = series.dropLast()
            return inner + (inner.hasSuffix("{") ? "" : ",") + "\(label)=\"\(value)\"}"
        }
        return series + "{\(label)=\"\(value)\"}"
    }

    /// The metric name of a series (what precedes its labels).
    static func metricName(of series: String) -> String {
        String(series.prefix { $0 != "{" })
    }

    private static func belongs(_ name: String, to family: PrometheusFamily) -> Bool {
        name == family.name
            || (["histogram", "summary"].contains(family.type)
                && ["_bucket", "_sum", "_count"].contains { name == family.name + $0 })
    }

    /// A sample line: the series is everything before the last space (label values may hold spaces),
    /// the value after it.
    private static func sample(_ line: Substring) -> PrometheusFamily.Sample? {
        guard let space = line.lastIndex(of: " ") else { return nil }
        let series = line[..<space].trimmingSuffix(" ")
        guard !series.isEmpty, let value = number(line[line.index(after: space)...]) else { return nil }
        return PrometheusFamily.Sample(series: String(series), value: value)
    }

    private static func number(_ text: Substring) -> Double? {
        switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
    }

    /// A value as Prometheus reads it: whole numbers without a fraction, else Swift's shortest form.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

extension Substring {
    fileprivate func trimmingSuffix(_ character: Character) -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == character { end = index(before: end) }
        return self[startIndex..<end]
    }
}
