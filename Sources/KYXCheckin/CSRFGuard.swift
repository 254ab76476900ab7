import Foundation
import Outpost

/// Refuses cross-site state-changing requests: `Sec-Fetch-Site` must be `same-origin` or `none` when
/// present, and `Origin` must name the request's own scheme and host when present (an `http://` page
/// of the same host is another origin and may not post to the `https://` site).
enum CSRFGuard {
    /// Throws 403 when `request` is a cross-site POST/PUT/DELETE/PATCH.
    static func check(_ request: Request) throws {
        guard !["GET", "HEAD", "OPTIONS"].contains(request.method) else { return }
        if let site = request.headers["sec-fetch-site"], site != "same-origin", site != "none" {
            throw APIError.forbiddenOrigin
        }
        if let origin = request.headers["origin"] {
            let host = request.headers["host"] ?? hostWithPort(request.url)
            guard let originURL = URL(string: origin), hostWithPort(originURL) == host,
                let scheme = originURL.scheme?.lowercased(), schemes(of: request).contains(scheme)
            else { throw APIError.forbiddenOrigin }
        }
    }

    /// The schemes the request may have been made with: its own, and `X-Forwarded-Proto` from a TLS
    /// terminator in front (a cross-site form cannot set that header, so it cannot widen the check).
    private static func schemes(of request: Request) -> [String] {
        [request.url.scheme?.lowercased(), request.headers["x-forwarded-proto"]?.lowercased()].compactMap { $0 }
    }

    private static func hostWithPort(_ url: URL) -> String {
        guard let host = url.host else { return "" }
        if let port = url.port { return "\(host):\(port)" }
        return host
    }
}
