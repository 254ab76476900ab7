/// Where a D1 database lives: the embedded SQLite file (default) or a dqlite cluster.
public enum D1BackendConfig: Sendable, Equatable {
    /// `backend = "sqlite"`: `<state_dir>/d1/<database_name or binding>.sqlite`.
    case sqlite
    /// `backend = "dqlite"` with `url = "dqlite://host1:9001,host2:9001/<database>"` and `timeout_ms`.
    case dqlite(nodes: [String], database: String, timeoutMs: Int)

    /// `timeout_ms` when none is given: how long a request may wait for a leader.
    public static let defaultTimeoutMs = 5000
}
