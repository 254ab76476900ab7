import Outpost

/// The worker's settings, read from vars (and secrets) once per request.
struct AppSettings: Sendable {
    /// Minutes east of UTC of the check-in day (`TIMEZONE_OFFSET_MINUTES`, default 480).
    var timezoneOffsetMinutes = 480
    /// PBKDF2 rounds for new admin passwords (`ADMIN_PBKDF2_ITERATIONS`, default 600,000).
    var pbkdf2Iterations = PasswordHasher.defaultIterations
    /// Whether the development identity provider is on (`DEV_LOGIN_ENABLED = "true"`).
    var devLoginEnabled = false
    /// Days a streak may skip and still continue (`MAX_CONSECUTIVE_BREAK_DAYS`, default 1).
    var maxBreakDays = 1
    /// OAuth client id (`LINUXDO_CLIENT_ID`).
    var oauthClientID: String?
    /// OAuth client secret (`LINUXDO_CLIENT_SECRET`, a secret).
    var oauthClientSecret: String?
    /// The authorize URL (`LINUXDO_AUTHORIZE_URL`).
    var authorizeURL = "https://connect.linux.do/oauth2/authorize"
    /// The token URL (`LINUXDO_TOKEN_URL`).
    var tokenURL = "https://connect.linux.do/oauth2/token"
    /// The user-info URL (`LINUXDO_USERINFO_URL`).
    var userInfoURL = "https://connect.linux.do/api/user"
    /// The public base URL for the OAuth callback (`FRONTEND_URL`), else the request's origin.
    var frontendURL: String?
    /// Per-family switch.
    var cacheEnabled: [CacheFamily: Bool] = [:]
    /// Per-family TTL in seconds.
    var cacheTTL: [CacheFamily: Int] = [:]
    /// Per-family seconds in the process's memory level (`CACHE_<FAMILY>_MEMORY_TTL`, 0: off).
    var cacheMemoryTTL: [CacheFamily: Int] = [:]
    /// Whether a login warms the user's stats and today's ranking (`WARM_AT_LOGIN`, default on).
    var warmAtLogin = true

    /// Settings from `env`'s vars and secrets.
    init(env: Env) {
        timezoneOffsetMinutes = Int(env["TIMEZONE_OFFSET_MINUTES"] ?? "") ?? 480
        pbkdf2Iterations = Int(env["ADMIN_PBKDF2_ITERATIONS"] ?? "") ?? PasswordHasher.defaultIterations
        devLoginEnabled = env["DEV_LOGIN_ENABLED"] == "true"
        maxBreakDays = Int(env["MAX_CONSECUTIVE_BREAK_DAYS"] ?? "") ?? 1
        oauthClientID = env["LINUXDO_CLIENT_ID"]
        oauthClientSecret = env["LINUXDO_CLIENT_SECRET"]
        authorizeURL = env["LINUXDO_AUTHORIZE_URL"] ?? authorizeURL
        tokenURL = env["LINUXDO_TOKEN_URL"] ?? tokenURL
        userInfoURL = env["LINUXDO_USERINFO_URL"] ?? userInfoURL
        frontendURL = env["FRONTEND_URL"]
        for family in CacheFamily.allCases {
            cacheEnabled[family] = (env[family.switchVar] ?? "true") != "false"
            cacheTTL[family] = Int(env[family.ttlVar] ?? "") ?? family.defaultTTL
            cacheMemoryTTL[family] = Int(env[family.memoryTTLVar] ?? "") ?? family.defaultMemoryTTL
        }
        warmAtLogin = env["WARM_AT_LOGIN"] != "false"
    }

    /// The check-in calendar.
    var calendar: DayCalendar { DayCalendar(offsetMinutes: timezoneOffsetMinutes) }
}
