/// How a Redis-backed namespace talks to its server.
///
/// JS equivalent: none (Outpost's `connect_timeout_ms`, `command_timeout_ms` on a `[[kv_namespaces]]` entry).
public struct RedisKVOptions: Sendable, Equatable {
    /// Which clock decides whether an entry has expired.
    public enum Clock: Sendable, Equatable {
        /// Redis's own `TIME`, so hosts with skewed clocks agree (production). Expirations are kept as
        /// lifetimes: `expiration − caller's now` is added to Redis's now.
        case server
        /// The `now` the binding passes (its `KVClock`): for tests that move time by hand.
        case caller
    }

    /// Connect (and log-in) timeout in milliseconds.
    public var connectTimeoutMs: Int
    /// Per-command timeout in milliseconds: a hung server fails the call after this long.
    public var commandTimeoutMs: Int
    /// While the circuit breaker is open, one call per this many milliseconds probes the server.
    public var probeIntervalMs: Int
    /// Which clock decides expiry.
    public var clock: Clock

    /// Options with the defaults Outpost documents: 200 ms connect, 500 ms command, 1 s probe, server clock.
    public init(
        connectTimeoutMs: Int = 200, commandTimeoutMs: Int = 500, probeIntervalMs: Int = 1000, clock: Clock = .server
    ) {
        self.connectTimeoutMs = connectTimeoutMs
        self.commandTimeoutMs = commandTimeoutMs
        self.probeIntervalMs = probeIntervalMs
        self.clock = clock
    }
}
