import Foundation
import Outpost
import OutpostConfig

/// The `[assets] binding`: serves the assets folder to the worker the way nginx serves it to clients,
/// from the same `AssetResolver`, `_redirects` and `_headers`. The ETag is nginx's
/// (`"<mtime hex>-<size hex>"`), so a validator from either one is accepted by the other.
struct AssetsFetcher: Fetcher {
    let folder: AssetsFolder
    let resolver: AssetResolver

    init(folder: AssetsFolder, config: AssetsConfig) {
        self.folder = folder
        resolver = AssetResolver(
            files: folder.files, htmlHandling: config.htmlHandling, notFoundHandling: config.notFoundHandling)
    }

    func fetch(_ request: Request) async throws -> Response {
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let rawPath = components?.percentEncodedPath ?? "/"
        let search = components?.percentEncodedQuery.map { "?" + $0 } ?? ""
        let host = request.url.host ?? ""
        var response = try respond(request, rawPath: rawPath, search: search)
        let base = response.headers.map { ($0.name.lowercased(), $0.value) }
        response.headers = Headers(folder.headers.apply(host: host, path: rawPath, to: base))
        return response
    }

    private func respond(_ request: Request, rawPath: String, search: String) throws -> Response {
        var path = rawPath
        if let (rule, target) = folder.redirects.match(path: rawPath) {
            if rule.status != 200 {
                let location = target.contains("?") ? target : target + search
                return Response(status: rule.status, headers: ["Location": location])
            }
            path = String(target.prefix { $0 != "?" && $0 != "#" })
        }
        let decoded = (path.removingPercentEncoding ?? path).replacing(/\/+/, with: "/")
        guard let intent = resolver.intent(for: decoded) else { return Response(status: 404) }
        guard ["GET", "HEAD"].contains(request.method.uppercased()) else { return Response(status: 405) }
        switch intent {
        case .redirect(let destination):
            return Response(status: 307, headers: ["Location": SiteLocations.encode(destination) + search])
        case .serve(let file, let status):
            // Served only at its canonical (decoded, re-encoded) path, as Cloudflare does.
            let canonical = SiteLocations.encode(decoded)
            if canonical != path { return Response(status: 307, headers: ["Location": canonical + search]) }
            return try serve(file, status: status, request: request)
        }
    }

    private func serve(_ file: String, status: Int, request: Request) throws -> Response {
        let path = folder.directory + file
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
        let etag = "\"\(String(modified, radix: 16))-\(String(size, radix: 16))\""
        var headers: Headers = ["Content-Type": AssetsFolder.contentType(of: file), "ETag": etag]
        if !request.headers.has("Authorization") && !request.headers.has("Range") {
            headers.set("Cache-Control", "public, max-age=0, must-revalidate")
        }
        let ifNoneMatch = request.headers.get("If-None-Match") ?? ""
        if ifNoneMatch == etag || ifNoneMatch == "W/" + etag { return Response(status: 304, headers: headers) }
        if request.method.uppercased() == "HEAD" { return Response(status: status, headers: headers) }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return Response(status: status, headers: headers, bytes: bytes)
    }
}
