import Foundation
import Outpost
import OutpostFastCGI
import Testing

struct CGIRequestMapperTests {
    private let base: [(name: String, value: String)] = [
        ("REQUEST_METHOD", "POST"), ("REQUEST_URI", "/buf/a%20b/c?q=1&r=%2F"), ("REQUEST_SCHEME", "http"),
        ("SERVER_PORT", "8787"), ("SERVER_PROTOCOL", "HTTP/1.1"), ("REMOTE_ADDR", "10.0.0.9"),
        ("CONTENT_TYPE", "application/json"), ("CONTENT_LENGTH", "12"), ("HTTP_HOST", "example.test"),
    ]

    @Test func urlIsRebuiltFromSchemeHostPortAndRawURI() {
        let head = CGIRequestMapper.head(from: base, colo: "AMS")
        #expect(head.url.absoluteString == "http://example.test:8787/buf/a%20b/c?q=1&r=%2F")
        #expect(head.method == "POST")
        #expect(head.contentLength == 12)
        #expect(head.path == "/buf/a b/c")
        #expect(head.rawQuery == "q=1&r=%2F")
        let request = head.request(body: [])
        #expect(request.path == "/buf/a b/c")
        #expect(request.query("r") == "/")
        #expect(request.url.path == "/buf/a b/c")
        #expect(request.urlString == "http://example.test:8787/buf/a%20b/c?q=1&r=%2F")
    }

    @Test(arguments: [
        ("http", "80", "example.test", "http://example.test/"),
        ("https", "443", "example.test", "https://example.test/"),
        ("https", "8443", "example.test:8443", "https://example.test:8443/"),
        ("http", "8080", "[::1]", "http://[::1]:8080/"),
    ])
    func defaultPortsAreLeftOut(scheme: String, port: String, host: String, expected: String) {
        let head = CGIRequestMapper.head(
            from: [("REQUEST_SCHEME", scheme), ("SERVER_PORT", port), ("HTTP_HOST", host), ("REQUEST_URI", "/")],
            colo: "X")
        #expect(head.url.absoluteString == expected)
    }

    @Test func httpsParamMeansHTTPSWithoutRequestScheme() {
        let head = CGIRequestMapper.head(
            from: [("HTTPS", "on"), ("HTTP_HOST", "a.test"), ("SERVER_PORT", "443"), ("REQUEST_URI", "/x")], colo: "X")
        #expect(head.url.absoluteString == "https://a.test/x")
    }

    @Test func repeatedParamsAreJoinedAndCookiesWithSemicolons() {
        let head = CGIRequestMapper.head(
            from: base + [
                ("HTTP_X_DUP", "one"), ("HTTP_X_DUP", "two"), ("HTTP_COOKIE", "a=1"), ("HTTP_COOKIE", "b=2"),
            ], colo: "X")
        #expect(head.headers.values("x-dup") == ["one, two"])
        #expect(head.headers.get("cookie") == "a=1; b=2")
    }

    @Test func contentHeadersTransferEncodingAndConnectingIP() {
        let head = CGIRequestMapper.head(from: base + [("HTTP_TRANSFER_ENCODING", "chunked")], colo: "X")
        #expect(head.headers.get("content-type") == "application/json")
        #expect(head.headers.get("content-length") == "12")
        #expect(!head.headers.has("transfer-encoding"))
        #expect(head.headers.get("cf-connecting-ip") == "10.0.0.9")
        // Behind a trusted proxy (REMOTE_ADDR 10.0.0.9 in 10.0.0.0/8) its CF-Connecting-IP is kept.
        let proxied = CGIRequestMapper.head(
            from: base + [("HTTP_CF_CONNECTING_IP", "203.0.113.5")], colo: "X", trustedProxies: [IPRange("10.0.0.0/8")!]
        )
        #expect(proxied.headers.values("cf-connecting-ip") == ["203.0.113.5"])
        #expect(proxied.cf.clientAddress == "203.0.113.5")
    }

    @Test func aClientSentConnectingIPIsOverwrittenUnlessThePeerIsTrusted() {
        let spoofed = base + [("HTTP_CF_CONNECTING_IP", "6.6.6.6")]
        let direct = CGIRequestMapper.head(from: spoofed, colo: "X")
        #expect(direct.headers.values("cf-connecting-ip") == ["10.0.0.9"])
        #expect(direct.cf.clientAddress == "10.0.0.9")
        let otherProxy = CGIRequestMapper.head(from: spoofed, colo: "X", trustedProxies: [IPRange("192.168.0.0/16")!])
        #expect(otherProxy.headers.values("cf-connecting-ip") == ["10.0.0.9"])
        let noPeer = CGIRequestMapper.head(
            from: base.filter { $0.0 != "REMOTE_ADDR" } + [("HTTP_CF_CONNECTING_IP", "6.6.6.6")], colo: "X")
        #expect(!noPeer.headers.has("cf-connecting-ip"))
        #expect(noPeer.cf.clientAddress == nil)
    }

    @Test func ipRangesMatchByPrefix() {
        #expect(IPRange("10.0.0.0/8")!.contains("10.255.1.2"))
        #expect(!IPRange("10.0.0.0/8")!.contains("11.0.0.1"))
        #expect(IPRange("127.0.0.1")!.contains("127.0.0.1"))
        #expect(!IPRange("127.0.0.1")!.contains("127.0.0.2"))
        #expect(IPRange("2001:db8::/32")!.contains("2001:db8:1::5"))
        #expect(!IPRange("2001:db8::/32")!.contains("10.0.0.1"))
        #expect(IPRange("0.0.0.0/0")!.contains("8.8.8.8"))
        for bad in ["", "10.0.0.0/33", "::/129", "10.0.0/8", "example.com", "10.0.0.0/-1", "1.2.3.4/"] {
            #expect(IPRange(bad) == nil, "\(bad)")
        }
        #expect(IPRange("10.1.0.0/16")!.description == "10.1.0.0/16")
    }

    @Test func cfPropertiesComeFromTheEdgeParams() {
        let head = CGIRequestMapper.head(
            from: base + [
                ("SSL_PROTOCOL", "TLSv1.3"), ("SSL_CIPHER", "TLS_AES_128_GCM_SHA256"), ("TCPINFO_RTT", "2500"),
                ("SERVER_PROTOCOL", "HTTP/2.0"),
            ],
            colo: "AMS")
        #expect(head.cf.tlsVersion == "TLSv1.3")
        #expect(head.cf.tlsCipher == "TLS_AES_128_GCM_SHA256")
        #expect(head.cf.clientTcpRtt == 2)
        #expect(head.cf.colo == "AMS")
        #expect(head.cf.httpProtocol == "HTTP/2.0")
        #expect(head.cf.clientAddress == "10.0.0.9")
    }

    @Test func emptyContentParamsOnAGetAreIgnored() {
        let head = CGIRequestMapper.head(
            from: [
                ("REQUEST_METHOD", "GET"), ("CONTENT_TYPE", ""), ("CONTENT_LENGTH", ""), ("HTTP_HOST", "h"),
                ("REQUEST_URI", "/"),
            ], colo: "X")
        #expect(!head.headers.has("content-type"))
        #expect(head.contentLength == nil)
    }

    @Test func rawURIsThatFoundationRejectsAreEncoded() {
        let head = CGIRequestMapper.head(from: [("HTTP_HOST", "h"), ("REQUEST_URI", "/a b/\u{e9}?x=|")], colo: "X")
        #expect(head.url.absoluteString == "http://h/a%20b/%C3%A9?x=%7C")
    }
}

struct ResponseHeadTests {
    private func text(_ response: Response) throws -> String {
        String(decoding: try ResponseHead.serialize(response), as: UTF8.self)
    }

    @Test func statusHeadersAndLength() throws {
        var headers = Headers()
        headers.append("Set-Cookie", "a=1")
        headers.append("Set-Cookie", "b=2")
        let head = try text(Response.text("hi", status: 404, headers: headers))
        #expect(
            head
                == "Status: 404 Not Found\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: 2\r\n\r\n"
        )
    }

    @Test(arguments: [0, 7, 200, 404, 12345, Int.max, -5, Int.min])
    func numbersAreWrittenInDecimal(value: Int) {
        var out = Array("x".utf8)
        ResponseHead.appendDecimal(value, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "x\(value)")
    }

    @Test func streamsDisableNginxBuffering() throws {
        let stream = ByteStream { $0.finish() }
        #expect(try text(Response(stream: stream)) == "Status: 200 OK\r\nX-Accel-Buffering: no\r\n\r\n")
    }

    @Test(arguments: [("X-A", "a\r\nb"), ("X-A", "a\nb"), ("X-A", "a\0b"), ("Bad Name", "v"), ("", "v"), ("X:Y", "v")])
    func headersThatCouldSplitTheResponseAreRefused(name: String, value: String) {
        var headers = Headers()
        headers.append(name, value)
        #expect(throws: InvalidHeaderError.self) { try ResponseHead.serialize(Response(headers: headers)) }
    }
}

struct CGIRequestMapperParamFilterTests {
    private func reads(_ name: String) -> Bool {
        Array(name.utf8).withUnsafeBufferPointer { CGIRequestMapper.reads($0) }
    }

    @Test(arguments: [
        "REQUEST_METHOD", "REQUEST_URI", "REQUEST_SCHEME", "HTTPS", "SERVER_PORT", "SERVER_NAME", "CONTENT_TYPE",
        "CONTENT_LENGTH", "REMOTE_ADDR", "SERVER_PROTOCOL", "SSL_PROTOCOL", "SSL_CIPHER", "TCPINFO_RTT",
        "HTTP_HOST", "HTTP_COOKIE", "HTTP_X_FORWARDED_PROTO",
    ])
    func everyParameterTheMapperUsesIsRead(name: String) {
        #expect(reads(name))
    }

    @Test(arguments: [
        "DOCUMENT_ROOT", "SCRIPT_NAME", "QUERY_STRING", "GATEWAY_INTERFACE", "REMOTE_PORT", "HTTPSX", "HTTP",
    ])
    func parametersNobodyReadsAreSkipped(name: String) {
        #expect(!reads(name))
    }
}
