extension Env {
    /// The `[assets]` binding `name`: its `fetch(request)` answers as Cloudflare's asset server does
    /// (`html_handling`, `not_found_handling`, `_redirects`, `_headers`, ETag and 304), whatever the
    /// request's host. JS equivalent: `env.ASSETS.fetch(request)`.
    public func assets(_ name: String) throws(BindingError) -> any Fetcher {
        try binding(name, as: (any Fetcher).self, kind: "assets binding")
    }
}
