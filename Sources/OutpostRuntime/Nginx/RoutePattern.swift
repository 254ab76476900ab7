/// A Workers route (`example.com/*`, `*.example.com/api/*`, a custom domain) as nginx sees it: a
/// `server_name` and a location (a prefix, or one exact path when the pattern has no `*`).
package struct RoutePattern: Sendable, Equatable {
    /// The `server_name` (`example.com`, `*.example.com`; `.example.com` for Cloudflare's `*example.com`).
    package var serverName: String
    /// The path: a prefix when `isPrefix`, else an exact path.
    package var path: String
    /// Whether `path` is a prefix (the pattern ended in `*`).
    package var isPrefix: Bool

    /// Every path of `serverName`.
    package init(everyPathOf serverName: String) {
        self.serverName = serverName
        path = "/"
        isPrefix = true
    }

    /// Parses `pattern`; a custom domain is a bare host and covers every path.
    package init(_ pattern: String, customDomain: Bool) throws {
        var text = pattern
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text.removeFirst(scheme.count) }
        let slash = text.firstIndex(of: "/")
        var host = String(text[..<(slash ?? text.endIndex)])
        var path = slash.map { String(text[$0...]) } ?? "/*"
        if customDomain { path = "/*" }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || "-.*".contains($0) }),
            !host.dropFirst().contains("*")
        else { throw RuntimeError("route \"\(pattern)\": expected a host like example.com or *.example.com") }
        if host.hasPrefix("*") && !host.hasPrefix("*.") { host = "." + host.dropFirst() }
        let stars = path.filter { $0 == "*" }.count
        guard stars == 0 || (stars == 1 && path.hasSuffix("*")),
            path.allSatisfy({ !$0.isWhitespace && !"\"'{};$\\".contains($0) })
        else { throw RuntimeError("route \"\(pattern)\": a `*` may only end the path (example.com/api/*)") }
        serverName = host
        isPrefix = stars == 1
        self.path = isPrefix ? String(path.dropLast()) : path
        if self.path.isEmpty { self.path = "/" }
    }
}
