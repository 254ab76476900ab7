/// Cloudflare's own html_handling cases (workers-sdk fixtures/workers-shared-asset-config/test-cases/
/// html-handling-test-cases.ts), ported as data: files in the folder, the request, the file served after
/// following 307s, and the final path (`nil`: 404, i.e. not an asset).
enum CloudflareHTMLHandlingCases {
    struct Case: Sendable {
        var mode: String
        var title: String
        var files: [String]
        var request: String
        var matchedFile: String?
        var finalPath: String?
    }

    static let all: [Case] = [
        Case(
            mode: "auto-trailing-slash", title: "/ -> 200 (with /index.html)", files: ["/index.html"],
            request: "/index.html", matchedFile: "/index.html", finalPath: "/"),
        Case(
            mode: "auto-trailing-slash", title: "/index -> / 307 (with /index.html)", files: ["/index.html"],
            request: "/index", matchedFile: "/index.html", finalPath: "/"),
        Case(
            mode: "auto-trailing-slash", title: "/index.html -> / 307 (with /index.html)", files: ["/index.html"],
            request: "/index.html", matchedFile: "/index.html", finalPath: "/"),
        Case(
            mode: "auto-trailing-slash", title: "/both -> 200 (with /both.html)",
            files: ["/both.html", "/both/index.html"], request: "/both", matchedFile: "/both.html", finalPath: "/both"),
        Case(
            mode: "auto-trailing-slash", title: "/both.html -> /both 307 (with /both.html)",
            files: ["/both.html", "/both/index.html"], request: "/both.html", matchedFile: "/both.html",
            finalPath: "/both"),
        Case(
            mode: "auto-trailing-slash", title: "/both/ -> 200 (with /both/index.html)",
            files: ["/both.html", "/both/index.html"], request: "/both/", matchedFile: "/both/index.html",
            finalPath: "/both/"),
        Case(
            mode: "auto-trailing-slash", title: "/both/index.html -> /both/ 307 (with /both/index.html)",
            files: ["/both.html", "/both/index.html"], request: "/both/index.html", matchedFile: "/both/index.html",
            finalPath: "/both/"),
        Case(
            mode: "auto-trailing-slash", title: "/both/index -> /both/ 307 (with /both/index.html)",
            files: ["/both.html", "/both/index.html"], request: "/both/index", matchedFile: "/both/index.html",
            finalPath: "/both/"),
        Case(
            mode: "auto-trailing-slash", title: "/file -> 200 (with file.html)", files: ["/file.html"],
            request: "/file", matchedFile: "/file.html", finalPath: "/file"),
        Case(
            mode: "auto-trailing-slash", title: "/file.html -> /file 307 (with file.html)", files: ["/file.html"],
            request: "/file.html", matchedFile: "/file.html", finalPath: "/file"),
        Case(
            mode: "auto-trailing-slash", title: "/file/ -> /file 307 (with file.html)", files: ["/file.html"],
            request: "/file/", matchedFile: "/file.html", finalPath: "/file"),
        Case(
            mode: "auto-trailing-slash", title: "/file/index -> /file 307 (with file.html)", files: ["/file.html"],
            request: "/file/index", matchedFile: "/file.html", finalPath: "/file"),
        Case(
            mode: "auto-trailing-slash", title: "/file/index.html -> /file 307 (with file.html)", files: ["/file.html"],
            request: "/file/index.html", matchedFile: "/file.html", finalPath: "/file"),
        Case(
            mode: "auto-trailing-slash", title: "/folder -> /folder/ 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder", matchedFile: "/folder/index.html", finalPath: "/folder/"),
        Case(
            mode: "auto-trailing-slash", title: "/folder.html -> /folder/ 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder.html", matchedFile: "/folder/index.html",
            finalPath: "/folder/"),
        Case(
            mode: "auto-trailing-slash", title: "/folder/ -> 200 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder/", matchedFile: "/folder/index.html", finalPath: "/folder/"
        ),
        Case(
            mode: "auto-trailing-slash", title: "/folder/index -> /folder/ 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder/index", matchedFile: "/folder/index.html",
            finalPath: "/folder/"),
        Case(
            mode: "auto-trailing-slash", title: "/folder/index.html -> /folder/ 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder/index.html", matchedFile: "/folder/index.html",
            finalPath: "/folder/"),
        Case(
            mode: "auto-trailing-slash", title: "/bin -> /bin/ 307 (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin", matchedFile: "/bin/index.html", finalPath: "/bin/"),
        Case(
            mode: "auto-trailing-slash", title: "/bin.html -> /bin/ 307 (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin.html", matchedFile: "/bin/index.html",
            finalPath: "/bin/"),
        Case(
            mode: "auto-trailing-slash", title: "/bin%2F -> /bin 307 (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin%2F", matchedFile: "/bin/index.html",
            finalPath: "/bin/"),
        Case(
            mode: "auto-trailing-slash", title: "/bin%252F -> 200 (with /bin%2F)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin%252F", matchedFile: "/bin%2F", finalPath: "/bin%252F"),
        Case(
            mode: "auto-trailing-slash", title: "/bin/ -> 200 (with /bin/index.html not /bin%2F",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin/", matchedFile: "/bin/index.html", finalPath: "/bin/"),
        Case(
            mode: "auto-trailing-slash", title: "/bin/index -> 307 /bin/ (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin/index", matchedFile: "/bin/index.html",
            finalPath: "/bin/"),
        Case(
            mode: "auto-trailing-slash", title: "/bin/index.html -> 307 /bin/ (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin/index.html", matchedFile: "/bin/index.html",
            finalPath: "/bin/"),
        Case(
            mode: "auto-trailing-slash", title: "/file-bin -> 200", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin", matchedFile: "/file-bin", finalPath: "/file-bin"),
        Case(
            mode: "auto-trailing-slash", title: "/file-bin.html -> 200", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin.html", matchedFile: "/file-bin.html", finalPath: "/file-bin.html"),
        Case(
            mode: "auto-trailing-slash", title: "/file-bin/ -> 404", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin/", matchedFile: nil, finalPath: nil),
        Case(
            mode: "auto-trailing-slash", title: "/file-bin/index -> 404", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin/index", matchedFile: nil, finalPath: nil),
        Case(
            mode: "auto-trailing-slash", title: "/file-bin/index.html -> 404", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin/index.html", matchedFile: nil, finalPath: nil),
        Case(
            mode: "drop-trailing-slash", title: "/ -> 200 (with /index.html)", files: ["/index.html"],
            request: "/index.html", matchedFile: "/index.html", finalPath: "/"),
        Case(
            mode: "drop-trailing-slash", title: "/index -> / 307 (with /index.html)", files: ["/index.html"],
            request: "/index", matchedFile: "/index.html", finalPath: "/"),
        Case(
            mode: "drop-trailing-slash", title: "/index.html -> / 307 (with /index.html)", files: ["/index.html"],
            request: "/index.html", matchedFile: "/index.html", finalPath: "/"),
        Case(
            mode: "drop-trailing-slash", title: "/both -> 200 (with /both.html)",
            files: ["/both.html", "/both/index.html"], request: "/both", matchedFile: "/both.html", finalPath: "/both"),
        Case(
            mode: "drop-trailing-slash", title: "/both.html -> /both 307 (with /both.html)",
            files: ["/both.html", "/both/index.html"], request: "/both.html", matchedFile: "/both.html",
            finalPath: "/both"),
        Case(
            mode: "drop-trailing-slash", title: "/both/ -> /both 307 (with /both.html)",
            files: ["/both.html", "/both/index.html"], request: "/both/", matchedFile: "/both.html", finalPath: "/both"),
        Case(
            mode: "drop-trailing-slash", title: "/both/index -> 307 (with /both.html)",
            files: ["/both.html", "/both/index.html"], request: "/both/index", matchedFile: "/both.html",
            finalPath: "/both"),
        Case(
            mode: "drop-trailing-slash", title: "/both/index.html -> 200 (with /both/index.html)",
            files: ["/both.html", "/both/index.html"], request: "/both/index.html", matchedFile: "/both/index.html",
            finalPath: "/both/index.html"),
        Case(
            mode: "drop-trailing-slash", title: "/file -> 200 (with file.html)", files: ["/file.html"],
            request: "/file", matchedFile: "/file.html", finalPath: "/file"),
        Case(
            mode: "drop-trailing-slash", title: "/file.html -> /file 307 (with file.html)", files: ["/file.html"],
            request: "/file.html", matchedFile: "/file.html", finalPath: "/file"),
        Case(
            mode: "drop-trailing-slash", title: "/file/ -> /file 307 (with file.html)", files: ["/file.html"],
            request: "/file/", matchedFile: "/file.html", finalPath: "/file"),
        Case(
            mode: "drop-trailing-slash", title: "/file/index -> /file 307 (with file.html)", files: ["/file.html"],
            request: "/file/index", matchedFile: "/file.html", finalPath: "/file"),
        Case(
            mode: "drop-trailing-slash", title: "/file/index.html -> /file 307 (with file.html)", files: ["/file.html"],
            request: "/file/index.html", matchedFile: "/file.html", finalPath: "/file"),
        Case(
            mode: "drop-trailing-slash", title: "/folder -> 200 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder", matchedFile: "/folder/index.html", finalPath: "/folder"),
        Case(
            mode: "drop-trailing-slash", title: "/folder.html -> /folder 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder.html", matchedFile: "/folder/index.html",
            finalPath: "/folder"),
        Case(
            mode: "drop-trailing-slash", title: "/folder/ -> /folder 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder/", matchedFile: "/folder/index.html", finalPath: "/folder"),
        Case(
            mode: "drop-trailing-slash", title: "/folder/index -> /folder 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder/index", matchedFile: "/folder/index.html",
            finalPath: "/folder"),
        Case(
            mode: "drop-trailing-slash", title: "/folder/index.html -> /folder 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder/index.html", matchedFile: "/folder/index.html",
            finalPath: "/folder"),
        Case(
            mode: "drop-trailing-slash", title: "/bin -> 200 (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin", matchedFile: "/bin/index.html", finalPath: "/bin"),
        Case(
            mode: "drop-trailing-slash", title: "/bin.html -> /bin 307 (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin.html", matchedFile: "/bin/index.html",
            finalPath: "/bin"),
        Case(
            mode: "drop-trailing-slash", title: "/bin%2F -> /bin 307 (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin%2F", matchedFile: "/bin/index.html", finalPath: "/bin"
        ),
        Case(
            mode: "drop-trailing-slash", title: "/bin%252F -> 200 (with /bin%2F)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin%252F", matchedFile: "/bin%2F", finalPath: "/bin%252F"),
        Case(
            mode: "drop-trailing-slash", title: "/bin/ -> /bin 307 (with /bin/index.html not /bin%2F",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin/", matchedFile: "/bin/index.html", finalPath: "/bin"),
        Case(
            mode: "drop-trailing-slash", title: "/bin/index -> /bin 307 (with /bin/index.html not /bin%2F",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin/index", matchedFile: "/bin/index.html",
            finalPath: "/bin"),
        Case(
            mode: "drop-trailing-slash", title: "/bin/index.html -> /bin 307 (with /bin/index.html not /bin%2F",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin/index.html", matchedFile: "/bin/index.html",
            finalPath: "/bin"),
        Case(
            mode: "drop-trailing-slash", title: "/file-bin -> 200", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin", matchedFile: "/file-bin", finalPath: "/file-bin"),
        Case(
            mode: "drop-trailing-slash", title: "/file-bin.html -> 200 (with /file-bin.html)",
            files: ["/file-bin", "/file-bin.html"], request: "/file-bin.html", matchedFile: "/file-bin.html",
            finalPath: "/file-bin.html"),
        Case(
            mode: "drop-trailing-slash", title: "/file-bin/ -> 404", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin/", matchedFile: nil, finalPath: nil),
        Case(
            mode: "drop-trailing-slash", title: "/file-bin/index -> 404", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin/index", matchedFile: nil, finalPath: nil),
        Case(
            mode: "drop-trailing-slash", title: "/file-bin/index.html -> 404", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin/index.html", matchedFile: nil, finalPath: nil),
        Case(
            mode: "force-trailing-slash", title: "/ -> 200 (with /index.html)", files: ["/index.html"],
            request: "/index.html", matchedFile: "/index.html", finalPath: "/"),
        Case(
            mode: "force-trailing-slash", title: "/index -> / 307 (with /index.html)", files: ["/index.html"],
            request: "/index", matchedFile: "/index.html", finalPath: "/"),
        Case(
            mode: "force-trailing-slash", title: "/index.html -> / 307 (with /index.html)", files: ["/index.html"],
            request: "/index.html", matchedFile: "/index.html", finalPath: "/"),
        Case(
            mode: "force-trailing-slash", title: "/both -> /both/ 307 (with /both/index.html)",
            files: ["/both.html", "/both/index.html"], request: "/both", matchedFile: "/both/index.html",
            finalPath: "/both/"),
        Case(
            mode: "force-trailing-slash", title: "/both.html -> 200", files: ["/both.html", "/both/index.html"],
            request: "/both.html", matchedFile: "/both.html", finalPath: "/both.html"),
        Case(
            mode: "force-trailing-slash", title: "/both/ -> 200 (with /both/index.html)",
            files: ["/both.html", "/both/index.html"], request: "/both/", matchedFile: "/both/index.html",
            finalPath: "/both/"),
        Case(
            mode: "force-trailing-slash", title: "/both/index -> /both/ 307 (with /both/index.html)",
            files: ["/both.html", "/both/index.html"], request: "/both/index", matchedFile: "/both/index.html",
            finalPath: "/both/"),
        Case(
            mode: "force-trailing-slash", title: "/both/index.html -> /both/ 307 (with /both/index.html)",
            files: ["/both.html", "/both/index.html"], request: "/both/index.html", matchedFile: "/both/index.html",
            finalPath: "/both/"),
        Case(
            mode: "force-trailing-slash", title: "/file -> /file/ 307 (with file.html)", files: ["/file.html"],
            request: "/file", matchedFile: "/file.html", finalPath: "/file/"),
        Case(
            mode: "force-trailing-slash", title: "/file.html -> /file/ 307 (with file.html)", files: ["/file.html"],
            request: "/file.html", matchedFile: "/file.html", finalPath: "/file/"),
        Case(
            mode: "force-trailing-slash", title: "/file/ -> 200 (with file.html)", files: ["/file.html"],
            request: "/file/", matchedFile: "/file.html", finalPath: "/file/"),
        Case(
            mode: "force-trailing-slash", title: "/file/index -> /file/ 307 (with file.html)", files: ["/file.html"],
            request: "/file/index", matchedFile: "/file.html", finalPath: "/file/"),
        Case(
            mode: "force-trailing-slash", title: "/file/index.html -> /file/ 307 (with file.html)",
            files: ["/file.html"], request: "/file/index.html", matchedFile: "/file.html", finalPath: "/file/"),
        Case(
            mode: "force-trailing-slash", title: "/folder -> /folder/ 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder", matchedFile: "/folder/index.html", finalPath: "/folder/"),
        Case(
            mode: "force-trailing-slash", title: "/folder.html -> /folder/ 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder.html", matchedFile: "/folder/index.html",
            finalPath: "/folder/"),
        Case(
            mode: "force-trailing-slash", title: "/folder/ -> 200 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder/", matchedFile: "/folder/index.html", finalPath: "/folder/"
        ),
        Case(
            mode: "force-trailing-slash", title: "/folder/index -> /folder/ 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder/index", matchedFile: "/folder/index.html",
            finalPath: "/folder/"),
        Case(
            mode: "force-trailing-slash", title: "/folder/index.html -> /folder/ 307 (with /folder/index.html)",
            files: ["/folder/index.html"], request: "/folder/index.html", matchedFile: "/folder/index.html",
            finalPath: "/folder/"),
        Case(
            mode: "force-trailing-slash", title: "/bin -> /bin/ 307 (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin", matchedFile: "/bin/index.html", finalPath: "/bin/"),
        Case(
            mode: "force-trailing-slash", title: "/bin.html -> /bin/ 307 (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin.html", matchedFile: "/bin/index.html",
            finalPath: "/bin/"),
        Case(
            mode: "force-trailing-slash", title: "/bin%2F -> /bin/ 307 (with /bin%2F)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin%2F", matchedFile: "/bin/index.html",
            finalPath: "/bin/"),
        Case(
            mode: "force-trailing-slash", title: "/bin%2F -> /bin/ 307 (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin%2F", matchedFile: "/bin/index.html",
            finalPath: "/bin/"),
        Case(
            mode: "force-trailing-slash", title: "/bin%252F -> 200 (with /bin%2F)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin%252F", matchedFile: "/bin%2F", finalPath: "/bin%252F"),
        Case(
            mode: "force-trailing-slash", title: "/bin/ -> 200 (with /bin/index.html not /bin%2F",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin/", matchedFile: "/bin/index.html", finalPath: "/bin/"),
        Case(
            mode: "force-trailing-slash", title: "/bin/index -> /bin/ 307 (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin/index", matchedFile: "/bin/index.html",
            finalPath: "/bin/"),
        Case(
            mode: "force-trailing-slash", title: "/bin/index.html -> /bin/ 307 (with /bin/index.html)",
            files: ["/bin%2F", "/bin/index.html"], request: "/bin/index.html", matchedFile: "/bin/index.html",
            finalPath: "/bin/"),
        Case(
            mode: "force-trailing-slash", title: "/file-bin -> 200", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin", matchedFile: "/file-bin", finalPath: "/file-bin"),
        Case(
            mode: "force-trailing-slash", title: "/file-bin.html -> /file-bin/ 307 (with /file-bin.html)",
            files: ["/file-bin", "/file-bin.html"], request: "/file-bin.html", matchedFile: "/file-bin.html",
            finalPath: "/file-bin/"),
        Case(
            mode: "force-trailing-slash", title: "/file-bin/ -> 200", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin/", matchedFile: "/file-bin.html", finalPath: "/file-bin/"),
        Case(
            mode: "force-trailing-slash", title: "/file-bin/index -> /file-bin/ 307 (with /file-bin.html)",
            files: ["/file-bin", "/file-bin.html"], request: "/file-bin/index", matchedFile: "/file-bin.html",
            finalPath: "/file-bin/"),
        Case(
            mode: "force-trailing-slash", title: "/file-bin/index.html -> /file-bin/ 307 (with /file-bin.html)",
            files: ["/file-bin", "/file-bin.html"], request: "/file-bin/index.html", matchedFile: "/file-bin.html",
            finalPath: "/file-bin/"),
        Case(mode: "none", title: "/ -> 404", files: ["/index.html"], request: "/", matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/index -> 404", files: ["/index.html"], request: "/index", matchedFile: nil,
            finalPath: nil),
        Case(
            mode: "none", title: "/index.html -> 200", files: ["/index.html"], request: "/index.html",
            matchedFile: "/index.html", finalPath: "/index.html"),
        Case(
            mode: "none", title: "/both -> 404", files: ["/both.html", "/both/index.html"], request: "/both",
            matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/both.html -> 200", files: ["/both.html", "/both/index.html"], request: "/both.html",
            matchedFile: "/both.html", finalPath: "/both.html"),
        Case(
            mode: "none", title: "/both/ -> 404", files: ["/both.html", "/both/index.html"], request: "/both/",
            matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/both/index.html -> 200", files: ["/both.html", "/both/index.html"],
            request: "/both/index.html", matchedFile: "/both/index.html", finalPath: "/both/index.html"),
        Case(
            mode: "none", title: "/file/index.html -> 404", files: ["/file.html"], request: "/file/index.html",
            matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/folder.html -> 404", files: ["/folder/index.html"], request: "/folder.html",
            matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/bin -> 404", files: ["/bin%2F", "/bin/index.html"], request: "/bin",
            matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/bin.html -> 404", files: ["/bin%2F", "/bin/index.html"], request: "/bin.html",
            matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/bin%2F -> 404", files: ["/bin%2F", "/bin/index.html"], request: "/bin%2F",
            matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/bin%252F -> 200", files: ["/bin%2F", "/bin/index.html"], request: "/bin%252F",
            matchedFile: "/bin%2F", finalPath: "/bin%252F"),
        Case(
            mode: "none", title: "/bin/ -> 404", files: ["/bin%2F", "/bin/index.html"], request: "/bin/",
            matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/bin/index -> 404", files: ["/bin%2F", "/bin/index.html"], request: "/bin/index",
            matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/file-bin -> 200", files: ["/file-bin", "/file-bin.html"], request: "/file-bin",
            matchedFile: "/file-bin", finalPath: "/file-bin"),
        Case(
            mode: "none", title: "/file-bin.html -> 200", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin.html", matchedFile: "/file-bin.html", finalPath: "/file-bin.html"),
        Case(
            mode: "none", title: "/file-bin/ -> 404", files: ["/file-bin", "/file-bin.html"], request: "/file-bin/",
            matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/file-bin/index -> 404", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin/index", matchedFile: nil, finalPath: nil),
        Case(
            mode: "none", title: "/file-bin/index.html -> 404", files: ["/file-bin", "/file-bin.html"],
            request: "/file-bin/index.html", matchedFile: nil, finalPath: nil),
    ]
}
