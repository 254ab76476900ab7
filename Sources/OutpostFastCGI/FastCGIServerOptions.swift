/// Settings of the FastCGI responder.
public struct FastCGIServerOptions: Sendable {
    /// Accept threads: requests served at once (php-fpm's `pm.max_children`).
    public var threads: Int
    /// Request bodies larger than this get 413 without being buffered.
    public var maxBodyBytes: Int
    /// A handler that has not answered after this many milliseconds gets a 504 (0: no limit).
    public var requestTimeoutMs: Int
    /// Requests slower than this are logged (0: off).
    public var slowlogMs: Int
    /// `request.cf.colo`.
    public var colo: String
    /// Peers (nginx's `REMOTE_ADDR`) whose `CF-Connecting-IP` header is believed; from anyone else it is
    /// overwritten with the peer's address.
    public var trustedProxies: [IPRange]
    /// With nginx's `fastcgi_keep_conn on`: the connections one process keeps, parked between requests
    /// and served by whichever of `threads` more threads is free (0: every kept connection holds an
    /// accept thread, libfcgi's model).
    public var keptConnections: Int

    /// The threads the server runs: `threads` accept threads, and as many serving kept connections.
    public var totalThreads: Int { max(1, threads) * (keptConnections > 0 ? 2 : 1) }

    /// Options with the given values.
    public init(
        threads: Int = 8, maxBodyBytes: Int = 100 << 20, requestTimeoutMs: Int = 30_000, slowlogMs: Int = 0,
        colo: String = "LOCAL", trustedProxies: [IPRange] = [],
        keptConnections: Int = 0
    ) {
        self.threads = threads
        self.maxBodyBytes = maxBodyBytes
        self.requestTimeoutMs = requestTimeoutMs
        self.slowlogMs = slowlogMs
        self.colo = colo
        self.trustedProxies = trustedProxies
        self.keptConnections = keptConnections
    }
}
