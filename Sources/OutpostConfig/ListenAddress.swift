/// Where the FastCGI responder listens.
public enum ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// A unix socket at an absolute path.
    case unix(path: String)
    /// TCP on `host:port`.
    case tcp(host: String, port: Int)

    /// Parses `unix:/path`, `/path`, `host:port` or `:port`; relative unix paths resolve against `directory`.
    public init?(parsing text: String, relativeTo directory: String) {
        if text.hasPrefix("unix:") || text.hasPrefix("/") || text.hasPrefix(".") {
            var path = text.hasPrefix("unix:") ? String(text.dropFirst(5)) : text
            guard !path.isEmpty else { return nil }
            if !path.hasPrefix("/") { path = directory + "/" + path }
            self = .unix(path: ConfigPath.normalize(path))
            return
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self = .tcp(host: host.isEmpty ? "127.0.0.1" : host, port: port)
    }

    /// The text `print` and string interpolation show for this value.
    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}
