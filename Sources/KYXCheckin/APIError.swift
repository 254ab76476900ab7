/// A failure with the HTTP status and the Chinese message the client shows.
struct APIError: Error, Sendable, Equatable {
    /// The HTTP status.
    let status: Int
    /// The message (`{"error": …}` for users, `{"success": false, "message": …}` for admins).
    let message: String
    /// Seconds for a `Retry-After` header (429 answers), when set.
    var retryAfter: Int?

    init(_ status: Int, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }

    static let notLoggedIn = APIError(401, "未登录")
    static let invalidSession = APIError(401, "会话无效")
    static let forbiddenOrigin = APIError(403, "跨站请求被拒绝")
    static let accountDisabled = APIError(403, "账号已被停用")
}
