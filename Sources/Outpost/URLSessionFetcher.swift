public import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The default `Fetcher`, over Foundation's `URLSession`.
/// JS equivalent: the global `fetch`.
public struct URLSessionFetcher: Fetcher {
    /// Subrequests time out after this many seconds.
    /// JS equivalent: none (workerd limits a subrequest by the request's CPU/wall time).
    public let timeout: TimeInterval

    /// A fetcher with the given timeout.
    /// JS equivalent: none.
    public init(timeout: TimeInterval = 30) { self.timeout = timeout }

    /// Sends `request` with URLSession and returns its response. JS equivalent: the global `fetch(request)`.
    public func fetch(_ request: Request) async throws -> Response {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.addValue(value, forHTTPHeaderField: name) }
        let body = try await request.bytes()
        if !body.isEmpty { urlRequest.httpBody = Data(body) }
        let (data, response) = try await URLSession.shared.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else {
            throw TypeError("fetch failed: not an HTTP response")
        }
        var headers = Headers()
        for (name, value) in http.allHeaderFields {
            guard let name = name as? String, let value = value as? String else { continue }
            headers.append(name, value)
        }
        return Response(status: http.statusCode, headers: headers, body: .bytes(Array(data)))
    }
}
