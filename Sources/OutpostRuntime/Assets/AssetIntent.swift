/// What Cloudflare's asset server does with a path: serve a file (200, or 404 for a not-found page)
/// or redirect (307) to the path the file is canonically served at.
package enum AssetIntent: Sendable, Equatable {
    /// Serve `file` (a path in the assets folder, like `/blog/index.html`) with `status`.
    case serve(file: String, status: Int)
    /// Redirect with 307 to `path`.
    case redirect(path: String)
}
