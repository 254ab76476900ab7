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

    /// Options with the given values.
    public init(
        threads: Int = 8, maxBodyBytes: Int = 100 << 20, requestTimeoutMs: Int = 30_000, slowlogMs: Int = 0,
        colo: String = "LOCAL", trustedProxies: [IPRange] = []
    ) {
        self.threads = threads
        self.maxBodyBytes = maxBodyBytes
        self.requestTimeoutMs = requestTimeoutMs
        self.slowlogMs = slowlogMs
        self.colo = colo
        self.trustedProxies = trustedProxies
    }
}
