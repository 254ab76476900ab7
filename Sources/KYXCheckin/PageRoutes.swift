import Outpost

/// The HTML pages: user login and home, admin login and app.
struct PageRoutes: Sendable {
    let ctx: AppContext

    /// Answers a page route, or `nil`.
    func handle(method: String, path: String) async throws -> Response? {
        guard method == "GET" else { return nil }
        switch path {
        case "/": return .html(Pages.home)
        case "/login": return .html(Pages.login)
        case "/admin/login": return .html(Pages.adminLogin)
        case "/admin", "/admin/":
            guard let id = ctx.request.cookie("admin_session"),
                try await SessionStore(ctx: ctx, kind: .admin).owner(of: id) != nil
            else { return .redirect("/admin/login") }
            return .html(Pages.adminApp)
        default: return nil
        }
    }
}
