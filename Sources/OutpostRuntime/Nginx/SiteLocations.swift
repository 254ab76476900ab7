import Foundation
import OutpostConfig

/// The locations of one worker with `[assets]` under one route: an exact location for every path
/// the folder answers, and the route's fallback (redirect rules, `run_worker_first`,
/// `not_found_handling`, else the worker).
struct SiteLocations {
    let site: NginxSite.Site
    let assets: AssetsFolder
    let config: AssetsConfig

    var maps: SiteMaps { SiteMaps(site: site, assets: assets, config: config) }
    var resolver: AssetResolver {
        AssetResolver(files: assets.files, htmlHandling: config.htmlHandling, notFoundHandling: config.notFoundHandling)
    }

    /// Whether a navigation request (`Sec-Fetch-Mode: navigate`) gets the not-found page even when the
    /// worker could answer: compatibility date 2025-04-01 or later, or `assets_navigation_prefers_asset_serving`.
    var navigationPrefersAssets: Bool {
        let flags = site.config.compatibilityFlags
        if flags.contains("assets_navigation_has_no_effect") { return false }
        return flags.contains("assets_navigation_prefers_asset_serving")
            || (site.config.compatibilityDate ?? "2021-11-02") >= "2025-04-01"
    }

    /// The internal path a not-found `file` is served from after `error_page`.
    func internalPath(_ file: String) -> String { "/__outpost/\(site.id)/nf\(file)" }

    /// The not-found files, one internal location each (server level).
    func internalLocations(_ out: inout NginxText) {
        var files = Set<String>()
        switch config.notFoundHandling {
        case .none: break
        case .singlePageApplication: if assets.files.contains("/index.html") { files.insert("/index.html") }
        case .notFoundPage: files = assets.files.filter { $0.hasSuffix("/404.html") }
        }
        for file in files.sorted() {
            out.line("    location = \(NginxText.quoted(internalPath(file))) {")
            out.line("        internal;")
            serveLines(file, indent: "        ", &out)
            out.line("    }")
        }
    }

    /// The route's locations, written inside its `location` block.
    func write(mount route: RoutePattern, _ out: inout NginxText) {
        let indent = "        "
        let scope = { (path: String) in route.isPrefix ? path.hasPrefix(route.path) : path == route.path }
        fallback(notFoundFolder: nearestNotFound(route.path + "\u{1}"), indent: indent, &out)
        for path in resolver.candidatePaths where scope(path) {
            exact(path, indent: indent, &out)
        }
        guard config.notFoundHandling == .notFoundPage, route.isPrefix else { return }
        let folders = assets.files.filter { $0.hasSuffix("/404.html") }.map { String($0.dropLast(8)) }
        for folder in folders.sorted() where folder.count > route.path.count && folder.hasPrefix(route.path) {
            out.line(indent + "location ^~ \(NginxText.quoted(folder)) {")
            fallback(notFoundFolder: folder + "404.html", indent: indent + "    ", &out)
            out.line(indent + "}")
        }
    }

    private func nearestNotFound(_ path: String) -> String? {
        guard case .serve(let file, _) = resolver.notFoundIntent(path) else { return nil }
        return file
    }

    /// What a path without an exact location gets.
    private func fallback(notFoundFolder file: String?, indent: String, _ out: inout NginxText) {
        let worker = "@outpost_\(site.id)"
        out.line(indent + "error_page 418 = \(worker);")
        headerLines(indent: indent, &out)
        if config.hasStaticRouting { out.line(indent + "if ($outpost_\(site.id)_first) { return 418; }") }
        let rules = maps.redirectRules
        for status in [301, 302, 303, 307, 308] where rules.contains(where: { $0.status == status }) {
            out.line(
                indent
                    + "if ($outpost_\(site.id)_redirect = \(status)) { return \(status) $outpost_\(site.id)_redirect_to; }"
            )
        }
        if rules.contains(where: { $0.status == 200 }) {
            out.line(
                indent
                    + "if ($outpost_\(site.id)_rewrite) { set $outpost_rewritten 1; set $outpost_request_path $outpost_\(site.id)_redirect_to; rewrite ^ $outpost_\(site.id)_redirect_to last; }"
            )
            out.line(indent + "if ($outpost_rewritten) { return 404; }")
        }
        guard let file, config.notFoundHandling != .none else {
            out.line(indent + "return 418;")
            return
        }
        if !config.hasStaticRouting {
            if navigationPrefersAssets {
                out.line(indent + "if ($http_sec_fetch_mode != \"navigate\") { return 418; }")
            } else {
                out.line(indent + "return 418;")
                return
            }
        }
        let status = config.notFoundHandling == .singlePageApplication ? "=200 " : ""
        out.line(indent + "error_page 404 \(status)\(NginxText.quoted(internalPath(file)));")
        out.line(indent + "return 404;")
    }

    /// The exact location for `path`, decided now: worker first, a `_redirects` rule, or the asset intent.
    private func exact(_ path: String, indent: String, _ out: inout NginxText) {
        if config.hasStaticRouting,
            !config.assetFirstPatterns.contains(where: { AssetRulePattern($0, placeholders: false).match(path) != nil }
            ),
            config.workerFirstPatterns.contains(where: { AssetRulePattern($0, placeholders: false).match(path) != nil })
        {
            return
        }
        var intent = resolver.intent(for: path, notFound: false)
        if let (rule, target) = assets.redirects.match(path: path), !rule.to.contains("$") {
            if rule.status != 200 {
                out.line(indent + "location = \(NginxText.quoted(path)) {")
                headerLines(indent: indent + "    ", &out)
                let location = target.contains("?") ? target : target + "$is_args$args"
                out.line(indent + "    return \(rule.status) \(NginxText.quoted(location));")
                out.line(indent + "}")
                return
            }
            let rewritten = String(target.prefix { $0 != "?" && $0 != "#" })
            intent = resolver.intent(for: rewritten, notFound: false)
            if case .redirect = intent { intent = nil }
            if intent == nil { return }
        }
        guard let intent else { return }
        out.line(indent + "location = \(NginxText.quoted(path)) {")
        switch intent {
        case .serve(let file, _):
            // Cloudflare serves an asset at its decoded-then-encoded path only (`/bin%2F` → 307 `/bin/`).
            let canonical = NginxText.quoted(Self.encode(path))
            out.line(
                indent
                    + "    if ($outpost_request_path != \(canonical)) { return 307 \(NginxText.quoted(Self.encode(path) + "$is_args$args")); }"
            )
            serveLines(file, indent: indent + "    ", &out)
        case .redirect(let destination):
            headerLines(indent: indent + "    ", &out)
            out.line(indent + "    return 307 \(NginxText.quoted(Self.encode(destination) + "$is_args$args"));")
        }
        out.line(indent + "}")
    }

    private func headerLines(indent: String, _ out: inout NginxText) {
        for (name, variable) in maps.headerLines { out.line(indent + "add_header \(name) \(variable) always;") }
    }

    /// The lines serving `file` from the folder with Cloudflare's content type.
    func serveLines(_ file: String, indent: String, _ out: inout NginxText) {
        // try_files under `root /` (not alias): a path ending in `/` must still name one file.
        out.line(indent + "root /;")
        out.line(indent + "try_files \(NginxText.quoted(assets.directory + file)) =404;")
        out.line(indent + "types { }")
        out.line(indent + "default_type \(NginxText.quoted(AssetsFolder.contentType(of: file)));")
        headerLines(indent: indent, &out)
    }

    /// A path percent-encoded segment by segment, as Cloudflare's canonical redirect target.
    static func encode(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.!~*'()")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }.joined(separator: "/")
    }
}
