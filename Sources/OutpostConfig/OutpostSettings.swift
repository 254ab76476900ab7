/// The `[outpost]` table: runtime settings that wrangler's schema has no place for.
public struct OutpostSettings: Sendable, Equatable {
    /// `listen`: where FastCGI is served (default `unix:<state_dir>/outpost.sock`, set by the loader).
    public var listen: ListenAddress?
    /// `socket_mode`: permission bits of a unix socket (default `0o660`: owner and group only).
    public var socketMode: UInt32 = 0o660
    /// `socket_group`: group that owns a unix socket (nginx's, e.g. `www-data`); default the process's.
    public var socketGroup: String?
    /// `backlog`: the listen queue length.
    public var backlog: Int = 511
    /// `threads`: accept threads per worker process, the requests one process serves at once.
    public var threads: Int = 8
    /// `processes`: worker processes accepting on the socket (`nil`: one per core), each with
    /// `threads`; a crash costs one process's requests only (php-fpm's pool of children).
    public var processes: Int?
    /// `kept_connections`: with nginx's `fastcgi_keep_conn on`, the connections one worker process keeps
    /// open, parked between requests and served by whichever of `threads` more threads is free (the
    /// accept threads answer each new connection's first request); 0: each kept connection holds an
    /// accept thread, libfcgi's own model.
    public var keptConnections: Int = 256
    /// `ready_timeout_ms`: how long a new worker process (a start, a replacement, a reload's new binary)
    /// may take to initialise before it is given up on.
    public var readyTimeoutMs: Int = 10_000
    /// `trusted_proxies`: CIDRs of peers whose `CF-Connecting-IP` is believed; from any other peer the
    /// header is overwritten with the peer's address (`REMOTE_ADDR`).
    public var trustedProxies: [String] = []
    /// `max_body_bytes`: larger request bodies get 413 (default 100 MiB, Cloudflare's free-plan limit).
    public var maxBodyBytes: Int = 100 * 1024 * 1024
    /// `request_timeout_ms`: a handler running longer is answered 504 (0 = no limit).
    public var requestTimeoutMs: Int = 30_000
    /// `shutdown_timeout_ms`: how long SIGTERM waits for in-flight requests and waitUntil work.
    public var shutdownTimeoutMs: Int = 30_000
    /// `slowlog_ms`: requests slower than this are logged (0 = off).
    public var slowlogMs: Int = 0
    /// `state_dir`: where KV and D1 files live (default `<config dir>/.outpost/state`).
    public var stateDir: String = ".outpost/state"
    /// `status_path`: the status endpoint's path (off when `nil`).
    public var statusPath: String?
    /// `colo`: the value of `request.cf.colo`.
    public var colo: String = "LOCAL"
    /// `crons`: whether this process runs `[triggers]` crons.
    public var crons: Bool = true
    /// `dev_port`: the loopback port `dev` serves HTTP on.
    public var devPort: Int = 8787

    /// Defaults.
    public init() {}
}
