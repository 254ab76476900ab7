import Outpost

/// Dispatches one request to the page, user, auth or admin routes and shapes errors.
struct Router: Sendable {
    let ctx: AppContext

    private var method: String { ctx.request.method == "HEAD" ? "GET" : ctx.request.method }
    private var path: String { ctx.request.path }
    private var isAdmin: Bool { path.hasPrefix("/api/admin") || path.hasPrefix("/admin") }

    /// The route name for response-time metrics (ids collapsed to `:id`).
    var routeName: String {
        // An ASCII path without digits, empty segments or a trailing `/` is its own name.
        let plain =
            path.utf8.first == UInt8(ascii: "/")
            && path.utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            && (path.utf8.count == 1 || path.utf8.last != UInt8(ascii: "/")) && !path.contains("//")
        if plain { return method + " " + path }
        let parts = path.split(separator: "/").map { $0.allSatisfy(\.isNumber) ? ":id" : String($0) }
        return method + " /" + parts.joined(separator: "/")
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
