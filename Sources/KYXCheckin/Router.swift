import Outpost

/// Dispatches one request to the page, user, auth or admin routes and shapes errors.
struct Router: Sendable {
    let ctx: AppContext

    private var method: String { ctx.request.method == "HEAD" ? "GET" : ctx.request.method }
    private var path: String { ctx.request.path }
    private var isAdmin: Bool { path.hasPrefix("/api/admin") || path.hasPrefix("/admin") }

    /// The route name for response-time metrics (ids collapsed to `:id`).
    var routeName: String {
        if Self.isPlain(path) { return method + " " + path }
        let parts = path.split(separator: "/").map { $0.allSatisfy(\.isNumber) ? ":id" : String($0) }
        return method + " /" + parts.joined(separator: "/")
    }

    /// Whether `path` is an ASCII path without digits, empty segments or a trailing `/` (its own route name).
    private static func isPlain(_ path: String) -> Bool {
        var previous: UInt8 = 0
        for byte in path.utf8 {
            guard byte < 0x80, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte),
                !(byte == UInt8(ascii: "/") && previous == UInt8(ascii: "/"))
            else { return false }
            previous = byte
        }
        return path.utf8.first == UInt8(ascii: "/") && (path.utf8.count == 1 || previous != UInt8(ascii: "/"))
    }

    /// The response, never throwing: errors become the API's error shape.
    func respond() async -> Response {
        do {
            if let response = try await route() { return response }
            return isAdmin
                ? .json(["success": false, "message": "页面未找到"], status: 404) : .text("Not Found", status: 404)
        } catch let error as APIError {
            var response = errorResponse(status: error.status, message: error.message)
            if let seconds = error.retryAfter { response.headers.set("Retry-After", String(seconds)) }
            return response
        } catch {
            ctx.log("unhandled error on \(method) \(path): \(error)")
            return errorResponse(status: 500, message: "服务器内部错误")
        }
    }

    private func errorResponse(status: Int, message: String) -> Response {
        if isAdmin { return .json(["success": false, "message": .string(message)], status: status) }
        return .json(["error": .string(message)], status: status)
    }

    private func route() async throws -> Response? {
        if let page = try await PageRoutes(ctx: ctx).handle(method: method, path: path) { return page }
        if path.hasPrefix("/api/admin") {
            return try await AdminRoutes(ctx: ctx).handle(method: method, path: path)
        }
        if let auth = try await AuthRoutes(ctx: ctx).handle(method: method, path: path) { return auth }
        return try await UserRoutes(ctx: ctx).handle(method: method, path: path)
    }
}
