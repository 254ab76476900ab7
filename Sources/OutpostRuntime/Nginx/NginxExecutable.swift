import Foundation

/// Finding nginx and writing a config it runs without root.
package enum NginxExecutable {
    /// The nginx executable, or `nil` when nginx is not installed.
    package static func find() -> String? {
        ExecutableSearch.find(
            "nginx", candidates: ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"])
    }

    /// What to tell a user whose machine has no nginx.
    package static let missingMessage =
        "nginx is not installed. Install it with `sudo apt-get install -y nginx-light` (Debian/Ubuntu) and run this again."
}

extension NginxSite {
    /// Writes `<prefix>/nginx.conf`: this site wrapped to run without root under `prefix`; returns its path.
    package func writeDevConfig(prefix: String) throws -> String {
        try FileManager.default.createDirectory(
            atPath: prefix, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = prefix + "/nginx.conf"
        try Self.devConfig(prefix: prefix, site: try render()).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
