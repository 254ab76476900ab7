import Foundation
import Outpost

/// Refuses cross-site state-changing requests: `Sec-Fetch-Site` must be `same-origin` or `none` when
/// present, and `Origin` must name the request's own host when present.
enum CSRFGuard {
    /// Throws 403 when `request` is a cross-site POST/PUT/DELETE/PATCH.
    static func check(_ request: Request) throws {
        guard !["GET", "HEAD", "OPTIONS"].contains(request.method) else { return }
        if let site = request.headers["sec-fetch-site"], site != "same-origin", site != "none" {
            throw APIError.forbiddenOrigin
        }
        if let origin = request.headers["origin"] {
            let host = request.headers["host"] ?? hostWithPort(request.url)
            guard let originURL = URL(string: origin), hostWithPort(originURL) == host else {
                throw APIError.forbiddenOrigin
            }
        }
    }

    private static func hostWithPort(_ url: URL) -> String {
        guard let host = url.host else { return "" }
        if let port = url.port { return "\(host):\(port)" }
        return host
    }
}
