/// `Set-Cookie` values for the worker's cookies (`session`, `admin_session`, `oauth_nonce`): HttpOnly,
/// SameSite=Lax, Path=/ unless given, Secure over HTTPS.
enum SessionCookie {
    /// A cookie that sets `name` to `value` for `maxAge` seconds.
    static func set(_ name: String, _ value: String, maxAge: Int, secure: Bool, path: String = "/") -> String {
        "\(name)=\(value); Path=\(path); HttpOnly; SameSite=Lax; Max-Age=\(maxAge)" + (secure ? "; Secure" : "")
    }

    /// A cookie that clears `name`.
    static func clear(_ name: String, secure: Bool, path: String = "/") -> String {
        set(name, "", maxAge: 0, secure: secure, path: path)
    }
}
