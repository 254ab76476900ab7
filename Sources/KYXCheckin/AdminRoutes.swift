import Outpost

/// The admin API (`/api/admin/*`): login/logout without a session, everything else behind `admin_session`.
struct AdminRoutes: Sendable {
    let ctx: AppContext

    /// Answers an admin route, or `nil`.
    func handle(method: String, path: String) async throws -> Response? {
        return nil
    }
}
