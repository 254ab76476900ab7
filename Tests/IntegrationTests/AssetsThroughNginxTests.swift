import Foundation
import OutpostTestSupport
import OutpostTesting
import Testing

/// `[assets]` served by a real nginx from the generated site, checked against Cloudflare's documented
/// results (developers.cloudflare.com/workers/static-assets/routing/ and …/headers/, …/redirects/).
/// A body starting "No route for" is the hello worker answering, i.e. the request reached the worker.
@Suite(.serialized)
struct AssetsThroughNginxTests {
    static let hello = OutpostStack.productsDirectory + "/hello"

    static let files: [String: String] = [
        "public/index.html": "home",
        "public/about.html": "about",
        "public/blog/index.html": "blog index",
        "public/blog/post.html": "post",
        "public/blog/404.html": "blog not found",
        "public/404.html": "root not found",
        "public/api/docs/index.html": "api docs",
        "public/img/logo.png": "png bytes",
        "public/data.json": "{\"a\":1}",
        "public/big.txt": String(repeating: "0123456789", count: 1024),
        "public/_headers": """
        # every page
        /*
          X-Frame-Options: DENY
        /blog/*
          X-Blog: section :splat
          ! X-Frame-Options
        """,
        "public/_redirects": """
        /old /about 301
        /temp /about
        /news/:year/* /blog/:year-:splat 301
        /posts/* /blog/post 200
        /away https://example.com/landing 302 # an external target
        """,
    ]

    static func stack(_ assets: String, compatibilityDate: String = "2025-05-01") throws -> OutpostStack {
        try OutpostStack(
            executable: hello,
            config: """
                name = "site"
                compatibility_date = "\(compatibilityDate)"
                [assets]
                directory = "./public"
                binding = "ASSETS"
                \(assets)
                """, files: files)
    }

    /// `path` → `(status, Location or body)`.
    static func expect(_ stack: OutpostStack, _ cases: [(String, Int, String)], headers: [(String, String)] = []) throws
    {
        for (path, status, expected) in cases {
            let response = try stack.request("GET", path, headers: headers)
            let shown = (300..<400).contains(response.status) ? response.header("Location") ?? "-" : response.text
            #expect(response.status == status, "\(path): \(response.status) \(shown)")
            #expect(
                expected.hasSuffix("…") ? shown.hasPrefix(String(expected.dropLast())) : shown == expected,
                "\(path): \(response.status) \(shown)")
        }
    }

    static let navigate = [("Sec-Fetch-Mode", "navigate"), ("Accept", "text/html")]

    @Test func autoTrailingSlash() throws {
        let stack = try Self.stack("")
        try Self.expect(
            stack,
            [
                ("/", 200, "home"), ("/index.html", 307, "/"), ("/index", 307, "/"),
                ("/about", 200, "about"), ("/about.html", 307, "/about"), ("/about/", 307, "/about"),
                ("/blog", 307, "/blog/"), ("/blog/", 200, "blog index"), ("/blog/index.html", 307, "/blog/"),
                ("/blog/index", 307, "/blog/"), ("/blog.html", 307, "/blog/"), ("/blog/post", 200, "post"),
                ("/blog/post.html", 307, "/blog/post"), ("/about?x=1", 200, "about"),
                ("/about.html?x=1", 307, "/about?x=1"), ("/img/logo.png", 200, "png bytes"),
                ("/missing", 404, "No route for…"),
            ])
        let png = try stack.request("GET", "/img/logo.png")
        #expect(png.header("Content-Type") == "image/png")
        #expect(try stack.request("GET", "/about").header("Content-Type") == "text/html; charset=utf-8")
        #expect(try stack.request("GET", "/data.json").header("Content-Type") == "application/json")
    }

    @Test func forceTrailingSlash() throws {
        let stack = try Self.stack("html_handling = \"force-trailing-slash\"")
        try Self.expect(
            stack,
            [
                ("/", 200, "home"), ("/about", 307, "/about/"), ("/about/", 200, "about"),
                ("/about.html", 307, "/about/"), ("/blog", 307, "/blog/"), ("/blog/", 200, "blog index"),
                ("/blog/index.html", 307, "/blog/"), ("/blog/post/", 200, "post"), ("/blog/post", 307, "/blog/post/"),
            ])
    }

    @Test func dropTrailingSlash() throws {
        let stack = try Self.stack("html_handling = \"drop-trailing-slash\"")
        try Self.expect(
            stack,
            [
                ("/", 200, "home"), ("/index.html", 307, "/"), ("/about", 200, "about"), ("/about/", 307, "/about"),
                ("/about.html", 307, "/about"), ("/blog", 200, "blog index"), ("/blog/", 307, "/blog"),
                ("/blog/index.html", 307, "/blog"), ("/blog/post", 200, "post"),
            ])
    }

    @Test func htmlHandlingNone() throws {
        let stack = try Self.stack("html_handling = \"none\"")
        try Self.expect(
            stack,
            [
                ("/about.html", 200, "about"), ("/about", 404, "No route for…"), ("/blog/", 404, "No route for…"),
                ("/blog/index.html", 200, "blog index"), ("/index.html", 200, "home"),
            ])
    }

    @Test func notFoundPageIsTheNearest404ForNavigations() throws {
        let stack = try Self.stack("not_found_handling = \"404-page\"")
        try Self.expect(
            stack,
            [
                ("/blog/missing", 404, "blog not found"), ("/blog/deeper/missing", 404, "blog not found"),
                ("/missing", 404, "root not found"), ("/about", 200, "about"),
            ], headers: Self.navigate)
        // A fetch() (no Sec-Fetch-Mode: navigate) goes to the worker, as Cloudflare decides since 2025-04-01.
        try Self.expect(stack, [("/missing", 404, "No route for…"), ("/blog/missing", 404, "No route for…")])
        let older = try Self.stack("not_found_handling = \"404-page\"", compatibilityDate: "2024-09-01")
        try Self.expect(older, [("/missing", 404, "No route for…")], headers: Self.navigate)
    }

    @Test func singlePageApplicationServesIndexToNavigations() throws {
        let stack = try Self.stack("not_found_handling = \"single-page-application\"")
        try Self.expect(stack, [("/app/settings", 200, "home"), ("/about", 200, "about")], headers: Self.navigate)
        try Self.expect(stack, [("/app/settings", 404, "No route for…")])
    }

    @Test func runWorkerFirstPatternsAndNegations() throws {
        let stack = try Self.stack(
            """
            not_found_handling = "404-page"
            run_worker_first = ["/api/*", "/about", "!/api/docs/*"]
            """)
        try Self.expect(
            stack,
            [
                ("/api/users", 404, "No route for…"), ("/about", 404, "No route for…"),
                ("/api/docs/", 200, "api docs"), ("/blog/", 200, "blog index"),
                // static routing keeps not_found_handling for every request that reaches the assets
                ("/nothing", 404, "root not found"),
            ])
        let always = try Self.stack("run_worker_first = true")
        try Self.expect(always, [("/", 200, "Hello from Outpost!\n"), ("/about", 404, "No route for…")])
    }

    @Test func headersFileRulesWithSplats() throws {
        let stack = try Self.stack("not_found_handling = \"404-page\"")
        let about = try stack.request("GET", "/about")
        #expect(about.header("X-Frame-Options") == "DENY")
        #expect(about.header("Cache-Control") == "public, max-age=0, must-revalidate")
        #expect(about.header("ETag") != nil)
        let post = try stack.request("GET", "/blog/post")
        #expect(post.header("X-Blog") == "section post")
        #expect(post.header("X-Frame-Options") == nil, "the /blog/* rule removes it")
        let notFound = try stack.request("GET", "/blog/gone", headers: Self.navigate)
        #expect(notFound.status == 404)
        #expect(notFound.header("X-Blog") == "section gone")
        let worker = try stack.request("GET", "/missing")
        #expect(worker.header("X-Frame-Options") == nil, "_headers never touches the worker's responses")
    }

    @Test func redirectsFileStatusesPlaceholdersAndRewrites() throws {
        let stack = try Self.stack("")
        try Self.expect(
            stack,
            [
                ("/old", 301, "/about"), ("/old?ref=mail", 301, "/about?ref=mail"), ("/temp", 302, "/about"),
                ("/news/2024/hello-world", 301, "/blog/2024-hello-world"),
                ("/posts/anything", 200, "post"), ("/away", 302, "https://example.com/landing"),
            ])
        #expect(try stack.request("GET", "/old").header("X-Frame-Options") == "DENY", "_headers apply to redirects")
    }

    @Test func conditionalAndRangeRequestsAndMethods() throws {
        let stack = try Self.stack("")
        let first = try stack.request("GET", "/big.txt")
        #expect(first.status == 200 && first.body.count == 10240)
        let etag = try #require(first.header("ETag"))
        let cached = try stack.request("GET", "/big.txt", headers: [("If-None-Match", etag)])
        #expect(cached.status == 304 && cached.body.isEmpty)
        let range = try stack.request("GET", "/big.txt", headers: [("Range", "bytes=10-19")])
        #expect(range.status == 206)
        #expect(range.text == "0123456789")
        #expect(range.header("Content-Range") == "bytes 10-19/10240")
        #expect(range.header("Cache-Control") == nil, "Cloudflare sends no Cache-Control on a range response")
        #expect(try stack.request("POST", "/about").status == 405)
    }

    @Test func assetsBindingServesAsTheEdgeDoes() throws {
        let stack = try Self.stack("not_found_handling = \"404-page\"")
        try Self.expect(
            stack,
            [
                ("/via-binding/about", 200, "about"), ("/via-binding/about.html", 307, "/about"),
                ("/via-binding/blog/", 200, "blog index"), ("/via-binding/blog/nope", 404, "blog not found"),
                ("/via-binding/old", 301, "/about"), ("/via-binding/posts/x", 200, "post"),
            ])
        let viaBinding = try stack.request("GET", "/via-binding/about")
        let direct = try stack.request("GET", "/about")
        #expect(viaBinding.header("ETag") == direct.header("ETag"), "binding and nginx agree on the validator")
        #expect(viaBinding.header("X-Frame-Options") == "DENY")
        let etag = try #require(direct.header("ETag"))
        #expect(try stack.request("GET", "/via-binding/about", headers: [("If-None-Match", etag)]).status == 304)
    }
}
