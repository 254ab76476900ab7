/// The five KV cache families of the KV plan (checkin-app.md §6), plus the session family.
/// JS equivalent: the key prefixes of the original Worker's KV cache (checkin-app.md §6).
public enum CacheFamily: String, Sendable, CaseIterable {
    /// `session:<id>`, `admin_session:<id>`.
    case sessions
    /// `user_stats:<userId>`.
    case userStats = "user_stats"
    /// `checkin_rewards`, `config:*`.
    case config
    /// `ranking:<date>:today`, `ranking:streak`.
    case rankings
    /// `code_inventory`.
    case inventory
    /// `cache:*`.
    case general

    /// The family's position in `allCases` (for per-family arrays).
    var index: Int {
        switch self {
        case .sessions: 0
        case .userStats: 1
        case .config: 2
        case .rankings: 3
        case .inventory: 4
        case .general: 5
        }
    }

    /// The var that switches the family on or off, e.g. `CACHE_SESSIONS_ENABLED`.
    var switchVar: String { "CACHE_" + upperName + "_ENABLED" }

    /// The var that sets the family's TTL in seconds, e.g. `CACHE_SESSIONS_TTL`.
    var ttlVar: String { "CACHE_" + upperName + "_TTL" }

    /// The var that sets how many seconds a value stays in the process's memory level, e.g.
    /// `CACHE_SESSIONS_MEMORY_TTL` (0: off).
    var memoryTTLVar: String { "CACHE_" + upperName + "_MEMORY_TTL" }

    /// The raw value in upper case, spelled out (settings are read on every request; no `uppercased()`).
    private var upperName: String {
        switch self {
        case .sessions: "SESSIONS"
        case .userStats: "USER_STATS"
        case .config: "CONFIG"
        case .rankings: "RANKINGS"
        case .inventory: "INVENTORY"
        case .general: "GENERAL"
        }
    }

    /// The TTL in seconds when no var sets one.
    var defaultTTL: Int {
        switch self {
        case .sessions: 604_800
        case .userStats: 3_600
        case .config: 86_400
        case .rankings: 360
        case .inventory: 1_800
        case .general: 60
        }
    }

    /// Seconds in the memory level when no var sets them: a page load's burst for sessions, the reloads
    /// after a check-in for the user's stats (the stats read before it stay longer as its base, checked
    /// against D1: `UserStatsService.baseLifetime`), a minute for what every user reads (rankings already
    /// lag by up to the cron's 5 minutes; a rewards edit drops this process's copy at once). Inventory and
    /// dashboard figures skip it.
    var defaultMemoryTTL: Int {
        switch self {
        case .sessions: 10
        case .userStats: 30
        case .config, .rankings: 60
        case .inventory, .general: 0
        }
    }

    /// The KV key prefixes that belong to the family (for purge).
    var prefixes: [String] {
        switch self {
        case .sessions: ["session:", "admin_session:"]
        case .userStats: ["user_stats:"]
        case .config: ["checkin_rewards", "config:"]
        case .rankings: ["ranking:"]
        case .inventory: ["code_inventory"]
        case .general: ["cache:"]
        }
    }
}
