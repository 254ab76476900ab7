/// `[assets]`: static files served in front of the worker, as Cloudflare's asset server does.
public struct AssetsConfig: Sendable, Equatable {
    /// `html_handling`: how `/about` finds `about.html` or `about/index.html`, and which redirects are sent.
    public enum HTMLHandling: String, Sendable, Equatable, CaseIterable {
        /// The default: `/about` serves `about.html`, `/blog/` serves `blog/index.html`; other spellings redirect.
        case autoTrailingSlash = "auto-trailing-slash"
        /// Every HTML page is served at a path ending in `/`.
        case forceTrailingSlash = "force-trailing-slash"
        /// Every HTML page is served at a path without a trailing `/`.
        case dropTrailingSlash = "drop-trailing-slash"
        /// Only exact file paths are served.
        case none
    }

    /// `not_found_handling`: what a path with no asset gets.
    public enum NotFoundHandling: String, Sendable, Equatable, CaseIterable {
        /// The worker handles it (or a plain 404 without one).
        case none
        /// The nearest `404.html` up the path's folders, with status 404.
        case notFoundPage = "404-page"
        /// `/index.html` with status 200 (a single-page application's router takes over).
        case singlePageApplication = "single-page-application"
    }

    /// `directory`, resolved against the config directory.
    public var directory: String
    /// `binding`, if the worker reads assets itself (`env.assets("ASSETS")`).
    public var binding: String?
    /// `html_handling` (default `auto-trailing-slash`).
    public var htmlHandling: HTMLHandling = .autoTrailingSlash
    /// `not_found_handling` (default `none`).
    public var notFoundHandling: NotFoundHandling = .none
    /// `run_worker_first = true`: every request goes to the worker, which may call the binding.
    public var runWorkerFirst: Bool = false
    /// `run_worker_first = ["/api/*", "!/api/docs/*"]`: paths matching a pattern go to the worker first,
    /// unless a `!` pattern matches. Patterns are path globs where `*` matches anything.
    public var workerFirstPatterns: [String] = []
    /// `!` patterns of `run_worker_first`, without the `!`.
    public var assetFirstPatterns: [String] = []

    /// Assets in `directory`.
    public init(directory: String, binding: String? = nil) {
        self.directory = directory
        self.binding = binding
    }

    /// Whether `run_worker_first` is a list of patterns (Cloudflare's "static routing"), which keeps
    /// `not_found_handling` in force for every request that reaches the assets.
    public var hasStaticRouting: Bool { !workerFirstPatterns.isEmpty }
}
