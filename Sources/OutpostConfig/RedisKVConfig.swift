/// The Redis settings of a `[[kv_namespaces]]` entry with `backend = "redis"`: where the server is
/// (parsed from `url`, `${NAME}` already expanded) and the timeouts.
public struct RedisKVConfig: Sendable, Equatable, CustomStringConvertible {
    /// How to reach the server.
    public enum Address: Sendable, Equatable {
        /// `redis://host:port`.
        case tcp(host: String, port: Int)
        /// `unix:///path/redis.sock`.
        case unix(path: String)
    }

    /// How to reach the server.
    public var address: Address
    /// The password from the URL (`redis://:password@…`), expanded; never printed.
    public var password: String?
    /// The database number (`/db`, or `?db=` for a unix socket; 0 by default).
    public var database: Int = 0
    /// `connect_timeout_ms` (default 200).
    public var connectTimeoutMs: Int = 200
    /// `command_timeout_ms` (default 500).
    public var commandTimeoutMs: Int = 500
    /// The `url` as written in the file (with `${NAME}` unexpanded), for messages.
    public var rawURL: String

    /// Settings for a server at `address`.
    public init(address: Address, password: String? = nil, database: Int = 0, rawURL: String) {
        self.address = address
        self.password = password
        self.database = database
        self.rawURL = rawURL
    }

    /// The URL with the password masked: `redis://:***@10.0.0.5:6379/0`, `unix:///run/redis/redis.sock`.
    public var description: String {
        let auth = password == nil ? "" : ":***@"
        switch address {
        case .tcp(let host, let port):
            return "redis://\(auth)\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        case .unix(let path):
            return "unix://\(auth)\(path)" + (database == 0 ? "" : "?db=\(database)")
        }
    }
}
