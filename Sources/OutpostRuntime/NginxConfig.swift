import Foundation
import Glibc

/// Renders `nginx/dev.conf.template` (the file next to the config when present, else the built-in copy,
/// which a test keeps identical to the file) and runs nginx without root under a prefix directory.
public struct NginxConfig: Sendable {
    /// The loopback port nginx listens on.
    public var port: Int
    /// `unix:/path` or `host:port` of the FastCGI responder.
    public var fastcgiAddress: String
    /// The directory nginx writes its pid, logs and temp files to.
    public var prefix: String
    /// `client_max_body_size`, in bytes.
    public var maxBodyBytes: Int
    /// `fastcgi_keep_conn on` with an upstream `keepalive` pool of this size (only safe when the worker
    /// has at least as many threads as nginx may open connections); `nil` keeps it off.
    public var keepAliveConnections: Int?

    /// A config with the given values.
    public init(port: Int, fastcgiAddress: String, prefix: String, maxBodyBytes: Int, keepAliveConnections: Int? = nil)
    {
        self.port = port
        self.fastcgiAddress = fastcgiAddress
        self.prefix = prefix
        self.maxBodyBytes = maxBodyBytes
        self.keepAliveConnections = keepAliveConnections
    }

    /// The config text rendered from `template`.
    public func render(template: String) -> String {
        let values: [String: String] = [
            "USER": geteuid() == 0 ? "user root root;" : "",
            "PREFIX": prefix,
            "PORT": String(port),
            "FASTCGI_ADDRESS": fastcgiAddress,
            "MAX_BODY_BYTES": String(maxBodyBytes),
            "KEEP_CONN": keepAliveConnections == nil ? "off" : "on",
            "UPSTREAM_KEEPALIVE": keepAliveConnections.map { "        keepalive \($0);" } ?? "",
        ]
        var text = template
        for (name, value) in values { text = text.replacingOccurrences(of: "{{\(name)}}", with: value) }
        return text
    }

    /// Writes `<prefix>/nginx.conf` from the template and returns its path.
    public func write(templateDirectory: String?) throws -> String {
        try FileManager.default.createDirectory(
            atPath: prefix, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = prefix + "/nginx.conf"
        try render(template: Self.template(in: templateDirectory)).write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The template: `<directory>/nginx/dev.conf.template` when it exists, else the built-in copy.
    public static func template(in directory: String?) -> String {
        if let directory,
            let text = try? String(contentsOfFile: directory + "/nginx/dev.conf.template", encoding: .utf8)
        {
            return text
        }
        return NginxTemplate.builtIn
    }

    /// The nginx executable, or `nil` when nginx is not installed.
    public static func findExecutable() -> String? {
        let candidates =
            ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/nginx" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What to tell a user whose machine has no nginx.
    public static let missingMessage =
        "nginx is not installed. Install it with `sudo apt-get install -y nginx-light` (Debian/Ubuntu) and run this again."
}
