import Foundation

/// The `_redirects` file of an assets folder, parsed as Cloudflare parses it (workers-sdk
/// `parseRedirects.ts`): `from to [status]` per line, `#` comments, statuses 200/301/302/303/307/308
/// (302 by default), at most 2,000 static and 100 dynamic rules; bad lines are skipped with a message.
package struct RedirectsFile: Sendable, Equatable {
    /// One rule.
    package struct Rule: Sendable, Equatable {
        /// The compiled `from` path pattern.
        package var from: AssetRulePattern
        /// The target: a path (placeholders allowed) or an absolute URL.
        package var to: String
        /// 200 (a rewrite: the target is served at the requested URL) or a redirect status.
        package var status: Int
        /// The 1-based line.
        package var line: Int
    }

    /// The valid rules in file order.
    package var rules: [Rule] = []
    /// Messages for the skipped lines, as Cloudflare words them.
    package var invalid: [String] = []

    /// Parses `text`; `htmlHandling` decides whether `/ /index` is an infinite loop.
    package init(_ text: String, htmlHandling: String = "auto-trailing-slash") {
        var seen = Set<String>()
        var (staticCount, dynamicCount, staticAllowed) = (0, 0, true)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.count > 2000 {
                invalid.append("Ignoring line \(number) as it exceeds the maximum allowed length of 2000.")
                continue
            }
            let tokens = line.replacing(/\s+#.*$/, with: "").split(whereSeparator: \.isWhitespace).map(String.init)
            guard (2...3).contains(tokens.count) else {
                invalid.append(
                    "line \(number): Expected exactly 2 or 3 whitespace-separated tokens. Got \(tokens.count).")
                continue
            }
            var from = tokens[0]
            if from.hasPrefix("https://") {
                invalid.append("line \(number): Only relative URLs are allowed. Skipping absolute URL \(from).")
                continue
            }
            if !from.hasPrefix("/") { from = "/" + from }
            let pattern = AssetRulePattern(from)
            if staticAllowed && pattern.isStatic {
                staticCount += 1
                if staticCount > 2000 {
                    invalid.append("Maximum number of static rules supported is 2000. Skipping line.")
                    continue
                }
            } else {
                dynamicCount += 1
                staticAllowed = false
                if dynamicCount > 100 {
                    invalid.append(
                        "Maximum number of dynamic rules supported is 100. Skipping remaining \(lines.count - offset) lines of file."
                    )
                    break
                }
            }
            let to = tokens[1]
            guard to.hasPrefix("/") || to.hasPrefix("https://") || to.hasPrefix("http://") else {
                invalid.append(
                    "line \(number): URLs should either be relative (e.g. begin with a forward-slash), or use HTTPS (e.g. begin with \"https://\")."
                )
                continue
            }
            let statusText = tokens.count == 3 ? tokens[2] : "302"
            guard let status = Int(statusText), [200, 301, 302, 303, 307, 308].contains(status) else {
                invalid.append(
                    "line \(number): Valid status codes are 200, 301, 302 (default), 303, 307, or 308. Got \(statusText)."
                )
                continue
            }
            let relative = !to.hasPrefix("https://") && !to.hasPrefix("http://")
            let toIndex = to.wholeMatch(of: /.*\/index(\.html)?/) != nil
            if relative
                && ((from.hasSuffix("/*") && toIndex) || (from.hasSuffix("/") && toIndex && htmlHandling != "none"))
            {
                invalid.append(
                    "line \(number): Infinite loop detected in this rule and has been ignored. This will cause a redirect to strip `.html` or `/index` and end up triggering this rule again. Please fix or remove this rule to silence this warning."
                )
                continue
            }
            guard seen.insert(from).inserted else {
                invalid.append("line \(number): Ignoring duplicate rule for path \(from).")
                continue
            }
            if status == 200 && !relative {
                invalid.append("line \(number): Proxy (200) redirects can only point to relative paths. Got \(to)")
                continue
            }
            rules.append(Rule(from: pattern, to: to, status: status, line: number))
        }
    }

    /// The first rule for `path` (static rules before dynamic ones, as Cloudflare matches) and its target.
    package func match(path: String) -> (rule: Rule, target: String)? {
        let ordered = rules.filter(\.from.isStatic) + rules.filter { !$0.from.isStatic }
        for rule in ordered {
            guard let values = rule.from.match(path) else { continue }
            var target = AssetRulePattern.replace(rule.to, with: values).trimmingCharacters(in: .whitespaces)
            if !target.contains("://") { target = target.replacing(/\/+/, with: "/") }
            return (rule, target)
        }
        return nil
    }
}
