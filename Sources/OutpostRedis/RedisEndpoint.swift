/// Where a Redis (or Valkey) server listens and how to log in: a loopback or remote TCP address, or a
/// unix socket, with an optional password and database number.
///
/// JS equivalent: none (Cloudflare runs KV's store itself).
public struct RedisEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// How to reach the server.
    public enum Address: Sendable, Equatable {
        /// A TCP host (name or address) and port.
        case tcp(host: String, port: Int)
        /// A unix socket path.
        case unix(path: String)
    }

    /// How to reach the server.
    public var address: Address
    /// `AUTH` password, or `nil` when the server has none.
    public var password: String?
    /// `SELECT` database number (0 by default).
    public var database: Int

    /// An endpoint at `address`, logging in with `password`, using database `database`.
    public init(address: Address, password: String? = nil, database: Int = 0) {
        self.address = address
        self.password = password
        self.database = database
    }

    /// The endpoint as a URL with the password masked, for logs and `check`:
    /// `redis://:***@127.0.0.1:6379/0` or `unix:///run/redis.sock`.
    public var description: String {
        switch address {
        case .tcp(let host, let port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return "redis://\(password == nil ? "" : ":***@")\(shownHost):\(port)/\(database)"
        case .unix(let path):
            return "unix://\(password == nil ? "" : ":***@")\(path)" + (database == 0 ? "" : "?db=\(database)")
        }
    }
}
