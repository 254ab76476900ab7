public import Outpost

/// The loud warning a worker process prints when it starts with the development identity provider on.
///
/// JS equivalent: a `console.warn` at the top of the module when `env.DEV_LOGIN_ENABLED === "true"`.
public enum DevLoginWarning {
    /// The banner for `env`, or none when `DEV_LOGIN_ENABLED` is not `"true"`.
    /// JS equivalent: `env.DEV_LOGIN_ENABLED === "true" ? [banner] : []`.
    public static func messages(for env: Env) -> [String] {
        guard AppSettings(env: env).devLoginEnabled else { return [] }
        let banner = String(repeating: "!", count: 78)
        return [
            """
            \(banner)
            !! WARNING: DEV_LOGIN_ENABLED is "true" (\(env.configFile)).
            !! Anyone can log in as any user at /dev/login. Never run this in production.
            \(banner)
            """
        ]
    }
}
