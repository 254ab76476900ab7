import Foundation
import OutpostConfig

/// The http-level `map`s of one worker's assets: `run_worker_first`, `_redirects`, `_headers` and the
/// default `Cache-Control`, each keyed on the request's raw path (what Cloudflare's rules match).
struct SiteMaps {
    let site: NginxSite.Site
    let assets: AssetsFolder
    let config: AssetsConfig

    var prefix: String { "$outpost_\(site.id)_" }

    /// The headers `_headers` sets that the generator writes; nginx itself owns these.
    static let nginxOwned: Set<String> = ["content-type", "etag", "last-modified", "content-length"]

    /// `(name, variable)` of each `add_header` line the worker's asset locations carry.
    var headerLines: [(String, String)] {
        var lines = [("Cache-Control", prefix + "cache_control")]
        for (index, rule) in assets.headers.rules.enumerated() where !rule.path.crossHost {
            for (offset, header) in rule.headers.enumerated() where !Self.nginxOwned.contains(header.name) {
                lines.append((header.name, prefix + "h\(index)_\(offset)"))
            }
        }
        return lines
    }

    func write(_ out: inout NginxText) {
        if config.hasStaticRouting {
            out.line("map $outpost_path \(prefix)first {")
            for pattern in config.assetFirstPatterns {
                entry(AssetRulePattern(pattern, placeholders: false).regex, "0", &out)
            }
            for pattern in config.workerFirstPatterns {
                entry(AssetRulePattern(pattern, placeholders: false).regex, "1", &out)
            }
            out.line("    default 0;")
            out.line("}")
        }
        writeRedirects(&out)
        writeHeaders(&out)
    }

    private func entry(_ regex: String, _ value: String, _ out: inout NginxText) {
        out.line("    \(NginxText.quoted("~" + regex)) \(value);")
    }

    private func key(_ rule: RedirectsFile.Rule) -> String {
        rule.from.isStatic ? NginxText.quoted(rule.from.source) : NginxText.quoted("~" + rule.from.regex)
    }

    /// Redirect targets with `$` cannot be written in nginx; such rules are left to the binding only.
    var redirectRules: [RedirectsFile.Rule] { assets.redirects.rules.filter { !$0.to.contains("$") } }

    private func writeRedirects(_ out: inout NginxText) {
        let rules = redirectRules
        guard !rules.isEmpty else { return }
        out.line("map $outpost_path \(prefix)redirect {")
        for rule in rules { out.line("    \(key(rule)) \(rule.status);") }
        out.line("    default \"\";")
        out.line("}")
        out.line("map $outpost_path \(prefix)redirect_to {")
        for rule in rules { out.line("    \(key(rule)) \(NginxText.quoted(target(rule)));") }
        out.line("    default \"\";")
        out.line("}")
        out.line("map \"$outpost_rewritten:\(prefix)redirect\" \(prefix)rewrite {")
        out.line("    volatile;")
        out.line("    \":200\" 1;")
        out.line("    default \"\";")
        out.line("}")
    }

    /// The `Location` (or, for 200, the rewritten path) as an nginx value: placeholders become
    /// captures; the request's query is kept unless the target has its own (Cloudflare's rule).
    private func target(_ rule: RedirectsFile.Rule) -> String {
        let value = rule.from.nginxTemplate(rule.to)
        if rule.status == 200 { return String(value.prefix { $0 != "?" && $0 != "#" }) }
        if value.contains("?") { return value }
        if let hash = value.firstIndex(of: "#") { return value[..<hash] + "$is_args$args" + value[hash...] }
        return value + "$is_args$args"
    }

    private func writeHeaders(_ out: inout NginxText) {
        let rules = assets.headers.rules.filter { !$0.path.crossHost }
        let touching = rules.filter {
            $0.unset.contains("cache-control") || $0.headers.contains { $0.name == "cache-control" }
        }
        out.line("map $outpost_path \(prefix)cc_rule {")
        for rule in touching { entry(rule.path.regex, "1", &out) }
        out.line("    default 0;")
        out.line("}")
        out.line("map \"\(prefix)cc_rule$http_authorization$http_range:$status\" \(prefix)cache_control {")
        for status in ["200", "304", "404"] { out.line("    \"0:\(status)\" \"public, max-age=0, must-revalidate\";") }
        out.line("    default \"\";")
        out.line("}")
        for (index, rule) in assets.headers.rules.enumerated() where !rule.path.crossHost {
            for (offset, header) in rule.headers.enumerated() where !Self.nginxOwned.contains(header.name) {
                out.line("map $outpost_path \(prefix)h\(index)_\(offset) {")
                for later in assets.headers.rules[(index + 1)...]
                where !later.path.crossHost && later.unset.contains(header.name) {
                    entry(later.path.regex, "\"\"", &out)
                }
                let value = header.value.replacingOccurrences(of: "$", with: "")
                entry(rule.path.regex, NginxText.quoted(rule.path.nginxTemplate(value)), &out)
                out.line("    default \"\";")
                out.line("}")
            }
        }
    }
}
