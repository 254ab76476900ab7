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
    /// JS equivalent: `new URL(request.url).search.slice(1)`.
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
    /// JS equivalent: `new Request(url, { method, headers, body })`.
    public convenience init(
        url: URL, method: String, headers: Headers, stream: ByteStream, cf: CFProperties = CFProperties()
    ) {
        self.init(url: url, method: method, headers: headers, cf: cf, state: .stream(stream))
    }

    /// A request with a text body (UTF-8).
    /// JS equivalent: `new Request(url, { method, headers, body: text })`.
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
        guard !rawQuery.isEmpty else { return nil }
        var query = rawQuery
        return query.withUTF8 { FormData.firstURLEncodedValue(named: name, in: $0) }
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
    /// JS equivalent: parsing `request.headers.get("Cookie")`.
    public func cookie(_ name: String) -> String? {
        for entry in headers.entries where Headers.same(entry.name, "cookie") {
            if let value = Self.cookie(name, in: entry.value) { return value }
        }
        return nil
    }

    /// The value of cookie `name` in one `Cookie` header, found byte by byte in its UTF-8: `;`, ` ` and
    /// `=` never occur inside a multi-byte character, and names compare byte for byte, as JS's
    /// `split(";")` on the header's code units does — without breaking it into characters and substrings.
    private static func cookie(_ name: String, in header: String) -> String? {
        var header = header
        var name = name
        return header.withUTF8 { bytes -> String? in
            name.withUTF8 { wanted -> String? in
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != UInt8(ascii: ";") { end += 1 }
                    var pairStart = start
                    while pairStart < end, bytes[pairStart] == UInt8(ascii: " ") { pairStart += 1 }
                    if let equals = (pairStart..<end).first(where: { bytes[$0] == UInt8(ascii: "=") }),
                        equals - pairStart == wanted.count,
                        (0..<wanted.count).allSatisfy({ bytes[pairStart + $0] == wanted[$0] })
                    {
                        return String(decoding: UnsafeBufferPointer(rebasing: bytes[(equals + 1)..<end]), as: UTF8.self)
                    }
                    start = end + 1
                }
                return nil
            }
        }
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
    /// JS equivalent: `await request.json()` typed by a schema.
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
