public import Foundation
import Synchronization

/// A stream of body bytes, chunk by chunk. JS equivalent: `ReadableStream<Uint8Array>`.
public typealias ByteStream = AsyncThrowingStream<[UInt8], any Error>

/// An incoming (or outgoing, for `env.fetch`) HTTP request. JS equivalent: `Request`.
///
/// The body can be read once, in one form (`text()`, `json()`, `bytes()`, `formData()`, `body`);
/// a second read throws the `TypeError` the Workers runtime throws.
public final class Request: Sendable {
    /// The HTTP method, upper case. JS equivalent: `request.method`.
    public let method: String
    /// The URL as text: scheme, host, port, path and query. JS equivalent: `request.url`.
    public let urlString: String
    /// The decoded path of the URL, e.g. `/api/user`. JS equivalent: `new URL(request.url).pathname`.
    public let path: String
    /// The query string without `?`, still percent-encoded (empty when there is none).
    public let rawQuery: String
    /// The request headers. JS equivalent: `request.headers`.
    public let headers: Headers
    /// What the edge knows of the connection. JS equivalent: `request.cf`.
    public let cf: CFProperties
    private let state: Mutex<BodyState>
    private let parsedURL: Mutex<URL?>

    enum BodyState: Sendable {
        case bytes([UInt8])
        case stream(ByteStream)
        case used
    }

    /// A request with an in-memory body. JS equivalent: `new Request(url, { method, headers, body })`.
    public convenience init(
        url: URL,
        method: String = "GET",
        headers: Headers = Headers(),
        body: [UInt8] = [],
        cf: CFProperties = CFProperties()
    ) {
        self.init(url: url, method: method, headers: headers, cf: cf, state: .bytes(body))
    }

    private init(url: URL, method: String, headers: Headers, cf: CFProperties, state: BodyState) {
        urlString = url.absoluteString
        let path = url.path(percentEncoded: false)
        self.path = path.isEmpty ? "/" : path
        rawQuery = url.query(percentEncoded: true) ?? ""
        parsedURL = Mutex(url)
        self.method = method.uppercased()
        self.headers = headers
        self.cf = cf
        self.state = Mutex(state)
    }

    /// A request from the parts a front end already has (the URL is parsed only when asked for).
    package init(
        urlString: String, path: String, rawQuery: String, method: String, headers: Headers, body: [UInt8],
        cf: CFProperties
    ) {
        self.urlString = urlString
        self.path = path
        self.rawQuery = rawQuery
        parsedURL = Mutex(nil)
        self.method = method
        self.headers = headers
        self.cf = cf
        state = Mutex(.bytes(body))
    }

    /// A request whose body arrives as a stream.
    public convenience init(
        url: URL, method: String, headers: Headers, stream: ByteStream, cf: CFProperties = CFProperties()
    ) {
        self.init(url: url, method: method, headers: headers, cf: cf, state: .stream(stream))
    }

    /// A request with a text body (UTF-8).
    public convenience init(url: URL, method: String = "GET", headers: Headers = Headers(), text: String) {
        self.init(url: url, method: method, headers: headers, body: Array(text.utf8))
    }

    /// The full URL. JS equivalent: `new URL(request.url)`.
    public var url: URL {
        parsedURL.withLock { cached in
            if let cached { return cached }
            let parsed =
                URL(string: urlString) ?? URL(string: URLText.encodingInvalidBytes(urlString)) ?? URL(
                    string: "http://localhost/")!
            cached = parsed
            return parsed
        }
    }

    /// The first value of query parameter `name`. JS equivalent: `url.searchParams.get(name)`.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// All query parameters in order. JS equivalent: `[...url.searchParams]`.
    public var queryItems: [(name: String, value: String)] {
        guard !rawQuery.isEmpty else { return [] }
        return FormData.parseURLEncoded(Array(rawQuery.utf8))
    }

    /// Whether the body was already read. JS equivalent: `request.bodyUsed`.
    public var bodyUsed: Bool {
        state.withLock { if case .used = $0 { true } else { false } }
    }

    /// The value of a cookie sent by the client, parsed from `Cookie` headers.
    public func cookie(_ name: String) -> String? {
        for header in headers.values("cookie") {
            for pair in header.split(separator: ";") {
                let trimmed = pair.drop { $0 == " " }
                guard let equals = trimmed.firstIndex(of: "=") else { continue }
                if trimmed[..<equals] == name { return String(trimmed[trimmed.index(after: equals)...]) }
            }
        }
        return nil
    }

    /// Takes the body, leaving it used. Throws when it was already used.
    private func take() throws -> BodyState {
        try state.withLock { current in
            if case .used = current {
                throw TypeError(
                    "Body has already been used. It can only be used once. Use tee() first if you need to read it twice."
                )
            }
            let taken = current
            current = .used
            return taken
        }
    }

    /// The body as a stream, or `nil` when the body is empty. JS equivalent: `request.body`.
    public func body() throws -> ByteStream? {
        switch try take() {
        case .bytes(let bytes):
            if bytes.isEmpty { return nil }
            return ByteStream { continuation in
                continuation.yield(bytes)
                continuation.finish()
            }
        case .stream(let stream): return stream
        case .used: return nil
        }
    }

    /// The whole body as bytes. JS equivalent: `await request.arrayBuffer()`.
    public func bytes() async throws -> [UInt8] {
        switch try take() {
        case .bytes(let bytes): return bytes
        case .stream(let stream):
            var collected: [UInt8] = []
            for try await chunk in stream { collected.append(contentsOf: chunk) }
            return collected
        case .used: return []
        }
    }

    /// The body as UTF-8 text. JS equivalent: `await request.text()`.
    public func text() async throws -> String {
        String(decoding: try await bytes(), as: UTF8.self)
    }

    /// The body parsed as JSON. JS equivalent: `await request.json()`.
    public func json() async throws -> JSONValue {
        try JSONValue(parsing: try await bytes())
    }

    /// The body decoded from JSON into `T`.
    public func json<T: Decodable>(as type: T.Type) async throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try await bytes()))
    }

    /// The body as form data (`application/x-www-form-urlencoded` or `multipart/form-data`).
    /// JS equivalent: `await request.formData()`.
    public func formData() async throws -> FormData {
        let contentType = headers.get("content-type") ?? ""
        let body = try await bytes()
        return try FormData(body: body, contentType: contentType)
    }
}

/// Connection facts the edge attaches to a request. JS equivalent: `request.cf`
/// (the subset nginx can pass: protocol, TLS, RTT, and a configured colo).
public struct CFProperties: Sendable, Equatable {
    /// `HTTP/1.1`, `HTTP/2`, … JS equivalent: `request.cf.httpProtocol`.
    public var httpProtocol: String
    /// `TLSv1.3` and so on, or `nil` over plain HTTP. JS equivalent: `request.cf.tlsVersion`.
    public var tlsVersion: String?
    /// The TLS cipher, or `nil`. JS equivalent: `request.cf.tlsCipher`.
    public var tlsCipher: String?
    /// The client's TCP round-trip time in ms, when nginx passes `$tcpinfo_rtt`. JS: `request.cf.clientTcpRtt`.
    public var clientTcpRtt: Int?
    /// The configured location name. JS equivalent: `request.cf.colo`.
    public var colo: String
    /// The client's address as seen by nginx.
    public var clientAddress: String?

    /// Properties with the given values.
    public init(
        httpProtocol: String = "HTTP/1.1",
        tlsVersion: String? = nil,
        tlsCipher: String? = nil,
        clientTcpRtt: Int? = nil,
        colo: String = "LOCAL",
        clientAddress: String? = nil
    ) {
        self.httpProtocol = httpProtocol
        self.tlsVersion = tlsVersion
        self.tlsCipher = tlsCipher
        self.clientTcpRtt = clientTcpRtt
        self.colo = colo
        self.clientAddress = clientAddress
    }

    /// The properties as the JSON object a JS Worker sees.
    public var json: JSONValue {
        var object: JSONObject = ["httpProtocol": .string(httpProtocol), "colo": .string(colo)]
        if let tlsVersion { object["tlsVersion"] = .string(tlsVersion) }
        if let tlsCipher { object["tlsCipher"] = .string(tlsCipher) }
        if let clientTcpRtt { object["clientTcpRtt"] = .number(Double(clientTcpRtt)) }
        return .object(object)
    }
}
