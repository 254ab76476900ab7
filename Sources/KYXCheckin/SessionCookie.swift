/// `Set-Cookie` values for the `session` and `admin_session` cookies: HttpOnly, SameSite=Lax, Path=/,
/// Secure over HTTPS.
enum SessionCookie {
    /// A cookie that sets `name` to `value` for `maxAge` seconds.
    static func set(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(maxAge)" + (secure ? "; Secure" : "")
    }

    /// A cookie that clears `name`.
    static func clear(_ name: String, secure: Bool) -> String { set(name, "", maxAge: 0, secure: secure) }
}
