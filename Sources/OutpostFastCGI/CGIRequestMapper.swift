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
        var collector = ParamCollector(colo: colo)
        for (name, value) in params {
            var name = name
            var value = value
            name.withUTF8 { name in value.withUTF8 { collector.add(name: name, value: $0) } }
        }
        return collector.head(trustedProxies: trustedProxies)
    }

    /// Whether `head(from:)` reads the parameter named `name` (the others are skipped as bytes).
    package static func reads(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        CGIParam(name: name) != nil
    }

    /// Takes the parameters one at a time, as bytes, and keeps what the head needs: only the
    /// parameters it reads become Strings.
    package struct ParamCollector {
        private var scheme: String?
        private var https = false
        private var host: String?
        private var serverPort: String?
        private var uri = "/"
        private var method = "GET"
        private var contentType: String?
        private var contentLength: String?
        private var remoteAddress: String?
        private var cf: CFProperties
        // A request has a dozen headers: a linear scan beats hashing.
        private var headerPairs: [(name: String, value: String)] = []

        /// A collector for a server at `colo`.
        package init(colo: String) {
            cf = CFProperties(colo: colo)
            headerPairs.reserveCapacity(16)
        }

        /// Takes one parameter (a name and a value, as received).
        package mutating func add(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
            // Unread parameters and the dropped Transfer-Encoding never become Strings.
            guard let param = CGIParam(name: name), param != .transferEncoding else { return }
            let text = String(decoding: value, as: UTF8.self)
            switch param {
            case .header, .host:
                let header = CGIParam.headerName(ofParam: name)
                if let index = headerPairs.firstIndex(where: { $0.name == header }) {
                    headerPairs[index].value += (header == "cookie" ? "; " : ", ") + text
                } else {
                    headerPairs.append((header, text))
                }
                if param == .host, host == nil { host = text }
            case .transferEncoding: return
            case .method: method = text
            case .uri: uri = text
            case .scheme: scheme = text
            case .https: https = text.lowercased() == "on"
            case .serverPort: serverPort = text
            case .serverName: if host == nil, !text.isEmpty { host = text }
            case .contentType: contentType = text
            case .contentLength: contentLength = text
            case .remoteAddress: remoteAddress = text
            case .serverProtocol: cf.httpProtocol = text
            case .sslProtocol: if !text.isEmpty { cf.tlsVersion = text }
            case .sslCipher: if !text.isEmpty { cf.tlsCipher = text }
            case .tcpRTT: if let micros = Int(text) { cf.clientTcpRtt = micros / 1000 }
            }
        }

        /// The head of the request whose parameters were added.
        package consuming func head(trustedProxies: [IPRange]) -> Head {
            let peer = remoteAddress.flatMap { $0.isEmpty ? nil : $0 }
            let forwarded = headerPairs.first { $0.name == "cf-connecting-ip" }?.value
            let trustedPeer = peer.map { address in trustedProxies.contains { $0.contains(address) } } ?? false
            if !trustedPeer || forwarded == nil {
                // Nothing a client sends can choose the address a worker sees.
                if forwarded != nil { headerPairs.removeAll { $0.name == "cf-connecting-ip" } }
                if let peer { headerPairs.append(("cf-connecting-ip", peer)) }
            }
            cf.clientAddress = trustedPeer ? forwarded ?? peer : peer
            var headers = Headers(entries: headerPairs)
            if let contentType, !contentType.isEmpty, !has("content-type") {
                headers.append("content-type", contentType)
            }
            if let contentLength, !contentLength.isEmpty, !has("content-length") {
                headers.append("content-length", contentLength)
            }
            let resolvedScheme = scheme.flatMap { $0.isEmpty ? nil : $0 } ?? (https ? "https" : "http")
            let authority = CGIRequestMapper.authority(
                host: host ?? "localhost", port: serverPort, scheme: resolvedScheme)
            let target = uri.utf8.first == UInt8(ascii: "/") ? uri : "/" + uri
            var urlText = resolvedScheme
            urlText.reserveCapacity(resolvedScheme.utf8.count + 3 + authority.utf8.count + target.utf8.count)
            urlText += "://"
            urlText += authority
            urlText += target
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

        private func has(_ name: String) -> Bool { headerPairs.contains { $0.name == name } }
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
