import Foundation
package import OutpostConfig

/// The contents of an `[assets]` directory: its files (as URL paths), `_headers` and `_redirects`.
///
/// `_headers`, `_redirects`, `_worker.js` and `.assetsignore` are never served, as on Cloudflare.
/// Files whose names nginx cannot hold literally (quotes, `$`, `{`, `;`, backslashes, control
/// characters) are left out with a warning.
package struct AssetsFolder: Sendable {
    /// The folder's absolute path.
    package let directory: String
    /// The served files, as paths from the folder's root (`/blog/index.html`).
    package let files: Set<String>
    /// The parsed `_headers` file (empty when there is none).
    package let headers: HeadersFile
    /// The parsed `_redirects` file (empty when there is none).
    package let redirects: RedirectsFile
    /// Files left out and invalid `_headers` / `_redirects` lines.
    package let warnings: [String]

    static let reserved: Set<String> = ["/_headers", "/_redirects", "/_worker.js", "/.assetsignore"]

    /// Reads `config.directory`.
    package init(config: AssetsConfig) throws {
        directory = config.directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuntimeError("[assets] directory \(directory) does not exist or is not a directory")
        }
        var found = Set<String>()
        var warnings: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isFolder),
                !isFolder.boolValue
            else { continue }
            let path = "/" + relative
            if Self.reserved.contains(path) { continue }
            if path.unicodeScalars.contains(where: { $0.value < 0x20 || "\"'\\${};#".unicodeScalars.contains($0) })
                || path.contains(" ")
            {
                warnings.append("assets: \(path) is not served (its name has a character nginx cannot match literally)")
                continue
            }
            found.insert(path)
        }
        files = found
        let folder = directory
        let read = { (name: String) in (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? "" }
        headers = HeadersFile(read("_headers"))
        redirects = RedirectsFile(read("_redirects"), htmlHandling: config.htmlHandling.rawValue)
        warnings +=
            headers.invalid.map { "assets: _headers: \($0)" } + redirects.invalid.map { "assets: _redirects: \($0)" }
        self.warnings = warnings
    }

    /// The content type Cloudflare gives `file` (wrangler's upload adds `charset=utf-8` to `text/*`).
    package static func contentType(of file: String) -> String {
        let ext = (file as NSString).pathExtension.lowercased()
        let type = mimeTypes[ext] ?? "application/octet-stream"
        return type.hasPrefix("text/") ? type + "; charset=utf-8" : type
    }

    static let mimeTypes: [String: String] = [
        "html": "text/html", "htm": "text/html", "css": "text/css", "js": "text/javascript", "mjs": "text/javascript",
        "json": "application/json", "map": "application/json", "txt": "text/plain", "xml": "text/xml",
        "csv": "text/csv", "md": "text/markdown", "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg",
        "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf", "wasm": "application/wasm",
        "pdf": "application/pdf", "zip": "application/zip", "mp4": "video/mp4", "webm": "video/webm",
        "mp3": "audio/mpeg", "wav": "audio/wav", "webmanifest": "application/manifest+json",
    ]
}
