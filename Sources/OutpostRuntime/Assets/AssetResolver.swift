package import OutpostConfig

/// Cloudflare's asset lookup (workers-sdk `asset-worker/src/handler.ts`, `getIntent`): for a decoded
/// path, which file is served or where the request is redirected, for each `html_handling` mode and
/// `not_found_handling`. The nginx site generator and the `ASSETS` binding both ask this, so the two
/// agree by construction.
package struct AssetResolver: Sendable {
    /// The files of the assets folder, as paths from its root (`/about.html`).
    package let files: Set<String>
    /// `html_handling`.
    package let htmlHandling: AssetsConfig.HTMLHandling
    /// `not_found_handling`.
    package let notFoundHandling: AssetsConfig.NotFoundHandling

    /// A resolver over `files`.
    package init(
        files: Set<String>, htmlHandling: AssetsConfig.HTMLHandling, notFoundHandling: AssetsConfig.NotFoundHandling
    ) {
        self.files = files
        self.htmlHandling = htmlHandling
        self.notFoundHandling = notFoundHandling
    }

    /// The intent for `path`, or `nil` when nothing is served (the worker's turn).
    package func intent(for path: String, notFound: Bool = true) -> AssetIntent? {
        if let found = htmlIntent(path, skipRedirects: false) { return found }
        return notFound ? notFoundIntent(path) : nil
    }

    /// The not-found page for `path`: the nearest `404.html` up its folders, or `/index.html`.
    package func notFoundIntent(_ path: String) -> AssetIntent? {
        switch notFoundHandling {
        case .none: return nil
        case .singlePageApplication: return exists("/index.html") ? .serve(file: "/index.html", status: 200) : nil
        case .notFoundPage:
            var folder = path
            while !folder.isEmpty {
                folder = String(folder[..<(folder.lastIndex(of: "/") ?? folder.startIndex)])
                if exists(folder + "/404.html") { return .serve(file: folder + "/404.html", status: 404) }
            }
            return nil
        }
    }

    private func exists(_ path: String) -> Bool { files.contains(path) }

    private func serve(_ file: String) -> AssetIntent? { exists(file) ? .serve(file: file, status: 200) : nil }

    private func htmlIntent(_ path: String, skipRedirects: Bool) -> AssetIntent? {
        switch htmlHandling {
        case .autoTrailingSlash: autoTrailingSlash(path, skipRedirects)
        case .forceTrailingSlash: forceTrailingSlash(path, skipRedirects)
        case .dropTrailingSlash: dropTrailingSlash(path, skipRedirects)
        case .none: serve(path)
        }
    }

    /// Redirects to `destination` when it is not a file itself and serves `file` there (Cloudflare's `safeRedirect`).
    private func redirect(_ file: String, to destination: String, _ skip: Bool) -> AssetIntent? {
        guard !skip, exists(file), !exists(destination) else { return nil }
        guard case .serve(let served, 200) = htmlIntent(destination, skipRedirects: true), served == file else {
            return nil
        }
        return .redirect(path: destination)
    }

    private func first(_ candidates: [() -> AssetIntent?]) -> AssetIntent? {
        for candidate in candidates { if let intent = candidate() { return intent } }
        return nil
    }

    private func autoTrailingSlash(_ path: String, _ skip: Bool) -> AssetIntent? {
        let special: AssetIntent?
        if path.hasSuffix("/index") {
            if exists(path) { return serve(path) }
            special = first([
                { redirect(path + ".html", to: String(path.dropLast(5)), skip) },
                { redirect(String(path.dropLast(6)) + ".html", to: String(path.dropLast(6)), skip) },
            ])
        } else if path.hasSuffix("/index.html") {
            special = first([
                { redirect(path, to: String(path.dropLast(10)), skip) },
                { redirect(String(path.dropLast(11)) + ".html", to: String(path.dropLast(11)), skip) },
            ])
        } else if path.hasSuffix("/") {
            special = first([
                { serve(path + "index.html") },
                { redirect(String(path.dropLast()) + ".html", to: String(path.dropLast()), skip) },
            ])
        } else if path.hasSuffix(".html") {
            let stem = String(path.dropLast(5))
            special = first([
                { redirect(path, to: stem, skip) },
                { redirect(stem + "/index.html", to: stem + "/", skip) },
            ])
        } else {
            special = nil
        }
        return special
            ?? first([
                { serve(path) },
                { serve(path + ".html") },
                { redirect(path + "/index.html", to: path + "/", skip) },
            ])
    }

    private func forceTrailingSlash(_ path: String, _ skip: Bool) -> AssetIntent? {
        let special: AssetIntent?
        if path.hasSuffix("/index") {
            if exists(path) { return serve(path) }
            special = first([
                { redirect(path + ".html", to: String(path.dropLast(5)), skip) },
                { redirect(String(path.dropLast(6)) + ".html", to: String(path.dropLast(5)), skip) },
            ])
        } else if path.hasSuffix("/index.html") {
            special = first([
                { redirect(path, to: String(path.dropLast(10)), skip) },
                { redirect(String(path.dropLast(11)) + ".html", to: String(path.dropLast(10)), skip) },
            ])
        } else if path.hasSuffix("/") {
            special = first([{ serve(path + "index.html") }, { serve(String(path.dropLast()) + ".html") }])
        } else if path.hasSuffix(".html") {
            let stem = String(path.dropLast(5))
            special = first([
                { redirect(path, to: stem + "/", skip) },
                { serve(path) },
                { redirect(stem + "/index.html", to: stem + "/", skip) },
            ])
        } else {
            special = nil
        }
        return special
            ?? first([
                { serve(path) },
                { redirect(path + ".html", to: path + "/", skip) },
                { redirect(path + "/index.html", to: path + "/", skip) },
            ])
    }

    private func dropTrailingSlash(_ path: String, _ skip: Bool) -> AssetIntent? {
        let special: AssetIntent?
        if path.hasSuffix("/index") {
            if exists(path) { return serve(path) }
            let parent = String(path.dropLast(6))
            special =
                path == "/index"
                ? redirect("/index.html", to: "/", skip)
                : first([
                    { redirect(parent + ".html", to: parent, skip) },
                    { redirect(path + ".html", to: parent, skip) },
                ])
        } else if path.hasSuffix("/index.html") {
            let parent = String(path.dropLast(11))
            special =
                path == "/index.html"
                ? redirect("/index.html", to: "/", skip)
                : first([
                    { redirect(path, to: parent, skip) },
                    { serve(path) },
                    { redirect(parent + ".html", to: parent, skip) },
                ])
        } else if path.hasSuffix("/") {
            let parent = String(path.dropLast())
            special =
                path == "/"
                ? serve("/index.html")
                : first([
                    { redirect(parent + ".html", to: parent, skip) },
                    { redirect(parent + "/index.html", to: parent, skip) },
                ])
        } else if path.hasSuffix(".html") {
            let stem = String(path.dropLast(5))
            special = first([
                { redirect(path, to: stem, skip) },
                { redirect(stem + "/index.html", to: stem, skip) },
            ])
        } else {
            special = nil
        }
        return special
            ?? first([{ serve(path) }, { serve(path + ".html") }, { serve(path + "/index.html") }])
    }

    /// Every path some intent (other than a not-found page) can answer: each file's path and the
    /// spellings `html_handling` maps onto it. The site generator writes one exact location per path.
    package var candidatePaths: [String] {
        var paths = Set<String>()
        for file in files {
            paths.insert(file)
            var stems = [file]
            if file.hasSuffix(".html") { stems.append(String(file.dropLast(5))) }
            if file.hasSuffix("/index.html") { stems.append(String(file.dropLast(11))) }
            for stem in stems where !stem.isEmpty {
                paths.formUnion([stem, stem + "/", stem + ".html", stem + "/index", stem + "/index.html"])
            }
            if file == "/index.html" { paths.formUnion(["/", "/index"]) }
        }
        return paths.filter { htmlIntent($0, skipRedirects: false) != nil }.sorted()
    }
}
