import Foundation

/// The `_headers` file of an assets folder, parsed as Cloudflare parses it (workers-sdk
/// `parseHeaders.ts`): a path line (`/blog/*`, `https://:sub.example.com/*`) then indented
/// `Name: value` lines and `! Name` removals; at most 100 rules; bad lines are skipped with a message.
package struct HeadersFile: Sendable, Equatable {
    /// One rule: a path pattern with the headers it sets and removes.
    package struct Rule: Sendable, Equatable {
        /// The compiled path pattern.
        package var path: AssetRulePattern
        /// Header names (lower-cased) and values, in file order; repeated names are joined with `, `.
        package var headers: [(name: String, value: String)]
        /// Names removed with `! Name`.
        package var unset: [String]

        package static func == (lhs: Rule, rhs: Rule) -> Bool {
            lhs.path == rhs.path && lhs.unset == rhs.unset && lhs.headers.map(\.name) == rhs.headers.map(\.name)
                && lhs.headers.map(\.value) == rhs.headers.map(\.value)
        }
    }

    /// The valid rules in file order.
    package var rules: [Rule] = []
    /// Messages for the skipped lines.
    package var invalid: [String] = []

    /// Parses `text`.
    package init(_ text: String) {
        var current: Rule?
        var skipping = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.count > 2000 {
                invalid.append("Ignoring line \(number) as it exceeds the maximum allowed length of 2000.")
                continue
            }
            if line.hasPrefix("/") || line.wholeMatch(of: /[^\s]+:\/\/.*/) != nil {
                skipping = false
                if rules.count >= 100 {
                    invalid.append(
                        "Maximum number of rules supported is 100. Skipping remaining \(lines.count - offset) lines of file."
                    )
                    break
                }
                if let rule = current { finish(rule, line: number) }
                current = nil
                if line.contains("://") && !line.hasPrefix("https://") {
                    invalid.append(
                        "line \(number): URLs should either be relative (e.g. begin with a forward-slash), or use HTTPS (e.g. begin with \"https://\")."
                    )
                    skipping = true
                    continue
                }
                if line.filter({ $0 == "*" }).count > 1 {
                    invalid.append(
                        "line \(number): Only one wildcard is allowed per rule. Use a named placeholder (e.g. :project) instead. Skipping \(line)."
                    )
                    skipping = true
                    continue
                }
                current = Rule(path: AssetRulePattern(line), headers: [], unset: [])
                continue
            }
            if skipping { continue }
            guard let colon = line.firstIndex(of: ":") else {
                if current != nil, line.hasPrefix("! ") {
                    current?.unset.append(String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces).lowercased())
                } else {
                    invalid.append(
                        current == nil
                            ? "line \(number): Expected a path beginning with at least one forward-slash"
                            : "line \(number): Expected a colon-separated header pair (e.g. name: value)")
                }
                continue
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name.contains(" ") {
                invalid.append("line \(number): Header name cannot include spaces")
            } else if name.isEmpty {
                invalid.append("line \(number): No header name specified")
            } else if value.isEmpty {
                invalid.append("line \(number): No header value specified")
            } else if current == nil {
                invalid.append("line \(number): Path should come before header (\(name): \(value))")
            } else if let existing = current?.headers.firstIndex(where: { $0.name == name }) {
                current?.headers[existing].value += ", " + value
            } else {
                current?.headers.append((name, value))
            }
        }
        if let rule = current { finish(rule, line: lines.count) }
    }

    private mutating func finish(_ rule: Rule, line: Int) {
        if rule.headers.isEmpty && rule.unset.isEmpty {
            invalid.append("line \(line): No headers specified")
        } else {
            rules.append(rule)
        }
    }

    /// The headers the matching rules give a response for `host` and `path`: every rule in order
    /// removes its `unset` names, then sets its headers (a name a previous rule set gets appended).
    /// `base` holds the response's own headers (lower-cased names), which a set replaces.
    package func apply(host: String, path: String, to base: [(String, String)]) -> [(String, String)] {
        var headers = base
        var setByRules = Set<String>()
        for rule in rules {
            guard let values = rule.path.match(rule.path.crossHost ? "https://\(host)\(path)" : path) else { continue }
            headers.removeAll { rule.unset.contains($0.0) }
            for (name, value) in rule.headers {
                let replaced = AssetRulePattern.replace(value, with: values)
                if !setByRules.contains(name) {
                    headers.removeAll { $0.0 == name }
                    setByRules.insert(name)
                }
                headers.append((name, replaced))
            }
        }
        return headers
    }
}
