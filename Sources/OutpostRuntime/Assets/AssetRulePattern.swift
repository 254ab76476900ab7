import Foundation

/// A `_headers` / `_redirects` / `run_worker_first` path pattern compiled as Cloudflare compiles it
/// (workers-sdk `rules-engine.ts`): `*` is a splat, `:name` a placeholder matching one path segment
/// (in a host, one label), everything else literal; the whole path must match.
package struct AssetRulePattern: Sendable, Equatable {
    /// The pattern as written (`/blog/*`, `https://:sub.example.com/*`).
    package let source: String
    /// The anchored regular expression (PCRE and Swift `Regex` syntax), captures named `op_<name>`.
    package let regex: String
    /// The placeholder names in order of appearance (`splat` for `*`).
    package let placeholders: [String]
    /// Whether the rule names a host (`https://host/path`) and so is matched against `https://host/path`.
    package let crossHost: Bool

    /// Compiles `source`; with `placeholders: false` only `*` is special (the `run_worker_first` rules).
    package init(_ source: String, placeholders allowPlaceholders: Bool = true) {
        self.source = source
        crossHost = source.hasPrefix("https://")
        var regex = "^"
        var names: [String] = []
        let characters = Array(source)
        var index = 0
        let hostEnd: Int = {
            guard source.hasPrefix("https://") else { return 0 }
            let rest = characters[8...]
            return rest.firstIndex(of: "/") ?? characters.count
        }()
        while index < characters.count {
            let character = characters[index]
            if character == "*" {
                regex += allowPlaceholders ? "(?<op_splat>.*)" : ".*"
                if allowPlaceholders { names.append("splat") }
                index += 1
            } else if allowPlaceholders, character == ":", index + 1 < characters.count,
                characters[index + 1].isASCII, characters[index + 1].isLetter
            {
                var end = index + 1
                while end < characters.count, characters[end].isASCII,
                    characters[end].isLetter || characters[end].isNumber || characters[end] == "_"
                {
                    end += 1
                }
                let name = String(characters[index + 1..<end])
                regex += index < hostEnd ? "(?<op_\(name)>[^/.]+)" : "(?<op_\(name)>[^/]+)"
                names.append(name)
                index = end
            } else {
                regex += "-/\\^$*+?.()|[]{}".contains(character) ? "\\\(character)" : String(character)
                index += 1
            }
        }
        self.regex = regex + "$"
        self.placeholders = names
    }

    /// Whether the pattern has no splat or placeholder (a "static" `_redirects` rule).
    package var isStatic: Bool { placeholders.isEmpty && !source.contains("*") }

    /// The captures of `subject` (`https://host/path` for a cross-host rule, else the path), or `nil`.
    package func match(_ subject: String) -> [String: String]? {
        guard let compiled = try? Regex(regex), let found = try? compiled.wholeMatch(in: subject) else { return nil }
        var values: [String: String] = [:]
        for name in placeholders {
            if let range = found.output["op_\(name)"]?.range { values[name] = String(subject[range]) }
        }
        return values
    }

    /// `text` with each `:name` replaced by its capture (Cloudflare's `replacer`).
    package static func replace(_ text: String, with values: [String: String]) -> String {
        var out = text
        for (name, value) in values { out = out.replacingOccurrences(of: ":\(name)", with: value) }
        return out
    }

    /// `text` with each `:name` of `placeholders` replaced by the nginx variable of its capture.
    package func nginxTemplate(_ text: String) -> String {
        var out = text
        for name in placeholders.sorted(by: { $0.count > $1.count }) {
            out = out.replacingOccurrences(of: ":\(name)", with: "${op_\(name)}")
        }
        return out
    }
}
