import Foundation

/// An HTTP response. JS equivalent: `Response`.
public struct Response: Sendable {
    /// The body of a response: nothing, bytes in memory, or a stream written chunk by chunk.
    /// JS equivalent: the `BodyInit` of `new Response(body)`.
    public enum Body: Sendable {
        /// No body.
        case empty
        /// A body held in memory.
        case bytes([UInt8])
        /// A body streamed to the client as it is produced; each chunk is flushed.
        case stream(ByteStream)
    }

    /// The status code. JS equivalent: `response.status`.
    public var status: Int
    /// The headers, `Set-Cookie` possibly several times. JS equivalent: `response.headers`.
    public var headers: Headers
    /// The body. JS equivalent: `response.body`.
    public var body: Body

    /// A response with the given parts. JS equivalent: `new Response(body, { status, headers })`.
    public init(status: Int = 200, headers: Headers = Headers(), body: Body = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a byte body.
    /// JS equivalent: `new Response(bytes, { status, headers })`.
    public init(status: Int = 200, headers: Headers = Headers(), bytes: [UInt8]) {
        self.init(status: status, headers: headers, body: .bytes(bytes))
    }

    /// A streamed response. JS equivalent: `new Response(readableStream)`.
    public init(status: Int = 200, headers: Headers = Headers(), stream: ByteStream) {
        self.init(status: status, headers: headers, body: .stream(stream))
    }

    /// Whether the status is 200–299. JS equivalent: `response.ok`.
    public var ok: Bool { (200...299).contains(status) }

    /// A `text/plain; charset=UTF-8` response. JS equivalent: `new Response(text)`.
    public static func text(_ text: String, status: Int = 200, headers: Headers = Headers()) -> Response {
        var all = headers
        if !all.has("content-type") { all.set("Content-Type", "text/plain;charset=UTF-8") }
        return Response(status: status, headers: all, body: .bytes(Array(text.utf8)))
    }

    /// A `text/html; charset=UTF-8` response.
    /// JS equivalent: `new Response(html, { headers: { "Content-Type": "text/html;charset=UTF-8" } })`.
    public static func html(_ html: String, status: Int = 200, headers: Headers = Headers()) -> Response {
        var all = headers
        if !all.has("content-type") { all.set("Content-Type", "text/html;charset=UTF-8") }
        return Response(status: status, headers: all, body: .bytes(Array(html.utf8)))
    }

    /// An `application/json` response. JS equivalent: `Response.json(value, { status, headers })`.
    public static func json(_ value: JSONValue, status: Int = 200, headers: Headers = Headers()) -> Response {
        var all = headers
        if !all.has("content-type") { all.set("Content-Type", "application/json") }
        return Response(status: status, headers: all, body: .bytes(value.serializedBytes))
    }

    /// An `application/json` response of any `Encodable` value.
    /// JS equivalent: `Response.json(value, { status, headers })`.
    public static func json(encoding value: some Encodable, status: Int = 200, headers: Headers = Headers()) throws
        -> Response
    {
        .json(try JSONValue(encoding: value), status: status, headers: headers)
    }

    /// A redirect. JS equivalent: `Response.redirect(url, status)` (301, 302, 303, 307 or 308).
    public static func redirect(_ location: String, status: Int = 302, headers: Headers = Headers()) -> Response {
        var all = headers
        all.set("Location", location)
        return Response(status: status, headers: all, body: .empty)
    }

    /// An error response with a plain-text body (the reason phrase when no message is given).
    /// JS equivalent: `new Response(message, { status })`.
    public static func error(_ status: Int, _ message: String? = nil) -> Response {
        .text(message ?? reasonPhrase(for: status), status: status)
    }

    /// The whole body as bytes (a stream is read to its end). JS equivalent: `await response.arrayBuffer()`.
    public func bytes() async throws -> [UInt8] {
        switch body {
        case .empty: return []
        case .bytes(let bytes): return bytes
        case .stream(let stream):
            var collected: [UInt8] = []
            for try await chunk in stream { collected.append(contentsOf: chunk) }
            return collected
        }
    }

    /// The whole body as UTF-8 text. JS equivalent: `await response.text()`.
    public func text() async throws -> String { String(decoding: try await bytes(), as: UTF8.self) }

    /// The whole body parsed as JSON. JS equivalent: `await response.json()`.
    public func json() async throws -> JSONValue { try JSONValue(parsing: try await bytes()) }

    /// The standard reason phrase of a status code ("Not Found" for 404).
    /// JS equivalent: `response.statusText`.
    public static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
