import OutpostRuntime
import Testing

/// `_redirects` and `_headers` parsing and matching, with cases from workers-sdk's
/// `parseRedirects.*.test.ts` / `parseHeaders.*.test.ts` and Cloudflare's documentation.
struct AssetRulesFileTests {
    @Test func redirectsParseAsCloudflareDoes() {
        let file = RedirectsFile(
            """
            # comment
            /a /b
            /c /d 301
            /a /other
            /e
            /f /g 404
            /x /y 301 extra
            /* /index.html
            /proxy https://example.com/ 200
            /h /i#frag # trailing comment
            """)
        #expect(
            file.rules.map { "\($0.from.source) \($0.to) \($0.status)" } == [
                "/a /b 302", "/c /d 301", "/h /i#frag 302",
            ])
        #expect(
            file.invalid == [
                "line 4: Ignoring duplicate rule for path /a.",
                "line 5: Expected exactly 2 or 3 whitespace-separated tokens. Got 1.",
                "line 6: Valid status codes are 200, 301, 302 (default), 303, 307, or 308. Got 404.",
                "line 7: Expected exactly 2 or 3 whitespace-separated tokens. Got 4.",
                "line 8: Infinite loop detected in this rule and has been ignored. This will cause a redirect to strip `.html` or `/index` and end up triggering this rule again. Please fix or remove this rule to silence this warning.",
                "line 9: Proxy (200) redirects can only point to relative paths. Got https://example.com/",
            ])
    }

    @Test func redirectPlaceholdersSplatsAndPrecedence() throws {
        let file = RedirectsFile(
            """
            /blog/:year/:slug /news/:year/:slug 301
            /blog/* /news/:splat
            /blog/static /fixed 308
            """)
        #expect(file.match(path: "/blog/2024/hello")?.target == "/news/2024/hello")
        #expect(file.match(path: "/blog/a/b/c")?.target == "/news/a/b/c")
        let fixed = try #require(file.match(path: "/blog/static"))
        #expect(fixed.rule.status == 308 && fixed.target == "/fixed", "static rules win over dynamic ones")
        #expect(file.match(path: "/other") == nil)
    }

    @Test func headersParseMergeAndUnset() {
        let file = HeadersFile(
            """
            /secure/*
              X-Frame-Options: DENY
              X-Frame-Options: SAMEORIGIN
              ! X-Powered-By
            /empty
            /:lang/docs/*
              Content-Language: :lang
              Bad Name: x
            """)
        #expect(file.rules.count == 2)
        #expect(file.rules[0].headers.map(\.value) == ["DENY, SAMEORIGIN"])
        #expect(file.rules[0].unset == ["x-powered-by"])
        #expect(file.invalid == ["line 6: No headers specified", "line 8: Header name cannot include spaces"])
        let applied = file.apply(host: "h", path: "/fr/docs/intro", to: [("x-powered-by", "x")])
        #expect(applied.map { "\($0.0)=\($0.1)" } == ["x-powered-by=x", "content-language=fr"])
        let secure = file.apply(host: "h", path: "/secure/page", to: [("x-powered-by", "x")])
        #expect(secure.map { "\($0.0)=\($0.1)" } == ["x-frame-options=DENY, SAMEORIGIN"])
    }
}
