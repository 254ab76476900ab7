public import Foundation
public import Outpost

/// Turns the CGI parameters nginx sends into a Workers `Request`.
///
/// - URL: `REQUEST_SCHEME` (or `HTTPS=on`), `HTTP_HOST` (with `SERVER_PORT` appended when the host has
///   no port and the port is not the scheme's default), and the raw `REQUEST_URI`.
/// - Headers: every `HTTP_*` parameter (`HTTP_X_FOO` → `x-foo`); repeated parameters, which nginx 1.22
///   sends for repeated headers, are joined with ", " (`; ` for `Cookie`); `CONTENT_TYPE` and
///   `CONTENT_LENGTH` when present; `Transfer-Encoding` is dropped (the body arrives de-chunked);
///   `CF-Connecting-IP` is set from `REMOTE_ADDR`, replacing whatever the client sent, unless the peer
///   is one of `trustedProxies` (then the header it forwarded is kept), as Cloudflare's edge does.
/// - `cf`: `SERVER_PROTOCOL`, `SSL_PROTOCOL`, `SSL_CIPHER`, `TCPINFO_RTT` (µs → ms), the configured colo.
public enum CGIRequestMapper {
    /// The parts of a request known from the parameters alone.
    public struct Head: Sendable {
        /// The method.
        public var method: String
        /// The rebuilt URL as text (bytes a URL may not hold are percent-encoded).
        public var urlString: String
        /// The decoded path.
        public var path: String
        /// The raw query (without `?`).
        public var rawQuery: String
        /// The headers.
        public var headers: Headers
        /// Connection facts.
        public var cf: CFProperties
        /// `CONTENT_LENGTH`, when given.
        public var contentLength: Int?

        /// The rebuilt URL, parsed.
        public var url: URL { URL(string: urlString) ?? URL(string: "http://localhost/")! }

        /// The request with `body`.
        public func request(body: [UInt8]) -> Request {
            Request(
                urlString: urlString, path: path, rawQuery: rawQuery, method: method, headers: headers, body: body,
                cf: cf)
        }
    }

    /// Maps parameters (in the order received) to a request head.
    public static func head(
        from params: [(name: String, value: String)], colo: String, trustedProxies: [IPRange] = []
    ) -> Head {
        var scheme: String?
        var https = false
        var host: String?
        var serverPort: String?
        var uri = "/"
        var method = "GET"
        var contentType: String?
        var contentLength: String?
        var remoteAddress: String?
        var cf = CFProperties(colo: colo)
        // A request has a dozen headers: a linear scan beats hashing.
        var headerPairs: [(name: String, value: String)] = []
        headerPairs.reserveCapacity(16)

        for (name, value) in params {
            if name.hasPrefix("HTTP_") {
                if name == "HTTP_TRANSFER_ENCODING" { continue }
                let header = headerName(fromParam: name)
                if let index = headerPairs.firstIndex(where: { $0.name == header }) {
                    headerPairs[index].value += (header == "cookie" ? "; " : ", ") + value
                } else {
                    headerPairs.append((header, value))
                }
                if name == "HTTP_HOST", host == nil { host = value }
                continue
            }
            switch name {
            case "REQUEST_METHOD": method = value
            case "REQUEST_URI": uri = value
            case "REQUEST_SCHEME": scheme = value
            case "HTTPS": https = value.lowercased() == "on"
            case "SERVER_PORT": serverPort = value
            case "SERVER_NAME": if host == nil, !value.isEmpty { host = value }
            case "CONTENT_TYPE": contentType = value
            case "CONTENT_LENGTH": contentLength = value
            case "REMOTE_ADDR": remoteAddress = value
            case "SERVER_PROTOCOL": cf.httpProtocol = value
            case "SSL_PROTOCOL": if !value.isEmpty { cf.tlsVersion = value }
            case "SSL_CIPHER": if !value.isEmpty { cf.tlsCipher = value }
            case "TCPINFO_RTT": if let micros = Int(value) { cf.clientTcpRtt = micros / 1000 }
            default: break
            }
        }
        let peer = remoteAddress.flatMap { $0.isEmpty ? nil : $0 }
        let forwarded = headerPairs.first { $0.name == "cf-connecting-ip" }?.value
        let trustedPeer = peer.map { address in trustedProxies.contains { $0.contains(address) } } ?? false
        if !trustedPeer || forwarded == nil {
            // Nothing a client sends can choose the address a worker sees.
            headerPairs.removeAll { $0.name == "cf-connecting-ip" }
            if let peer { headerPairs.append(("cf-connecting-ip", peer)) }
        }
        cf.clientAddress = trustedPeer ? forwarded ?? peer : peer
        func has(_ name: String) -> Bool { headerPairs.contains { $0.name == name } }
        var headers = Headers(entries: headerPairs)
        if let contentType, !contentType.isEmpty, !has("content-type") {
            headers.append("content-type", contentType)
        }
        if let contentLength, !contentLength.isEmpty, !has("content-length") {
            headers.append("content-length", contentLength)
        }
        let resolvedScheme = scheme.flatMap { $0.isEmpty ? nil : $0 } ?? (https ? "https" : "http")
        let authority = authority(host: host ?? "localhost", port: serverPort, scheme: resolvedScheme)
        let target = uri.hasPrefix("/") ? uri : "/" + uri
        let urlText = "\(resolvedScheme)://\(authority)\(target)"
        let needsEncoding = URLText.needsEncoding(urlText)
        let rawQuery =
            target.utf8.firstIndex(of: UInt8(ascii: "?")).map { String(target[target.index(after: $0)...]) } ?? ""
        return Head(
            method: method.isEmpty ? "GET" : method,
            urlString: needsEncoding ? URLText.encodingInvalidBytes(urlText) : urlText,
            path: URLText.decodedPath(ofTarget: target[...].utf8),
            rawQuery: needsEncoding ? URLText.encodingInvalidBytes(rawQuery) : rawQuery,
            headers: headers, cf: cf, contentLength: contentLength.flatMap { Int($0) })
    }

    /// The parameters `head(from:)` reads besides every `HTTP_*` one.
    static let mappedParams: [[UInt8]] = [
        "REQUEST_METHOD", "REQUEST_URI", "REQUEST_SCHEME", "HTTPS", "SERVER_PORT", "SERVER_NAME", "CONTENT_TYPE",
        "CONTENT_LENGTH", "REMOTE_ADDR", "SERVER_PROTOCOL", "SSL_PROTOCOL", "SSL_CIPHER", "TCPINFO_RTT",
    ].map { Array($0.utf8) }

    /// Whether `head(from:)` reads the parameter named `name` (so the reader may skip the others).
    package static func reads(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        if name.starts(with: "HTTP_".utf8) { return true }
        return mappedParams.contains { $0.count == name.count && $0.elementsEqual(name) }
    }

    /// `HTTP_X_FORWARDED_FOR` → `x-forwarded-for`.
    static func headerName(fromParam name: String) -> String {
        var bytes = Array(name.utf8.dropFirst(5))
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "_") {
                bytes[index] = UInt8(ascii: "-")
            } else if bytes[index] >= 0x41, bytes[index] <= 0x5A {
                bytes[index] |= 0x20
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func authority(host: String, port: String?, scheme: String) -> String {
        let hasPort: Bool
        if host.hasPrefix("[") {
            hasPort = host.utf8.last != UInt8(ascii: "]")
        } else {
            hasPort = host.utf8.contains(UInt8(ascii: ":"))
        }
        guard !hasPort, let port, !port.isEmpty else { return host }
        let defaultPort = scheme == "https" ? "443" : "80"
        return port == defaultPort ? host : "\(host):\(port)"
    }
}
