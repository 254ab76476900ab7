import Logging
import OutpostConfig

/// The nginx site `dev` runs: the `nginx-site` generator's output for the config on a loopback port
/// and every host, wrapped to run without root under `prefix` (rendered at start and again when
/// `dev --watch` sees the config change).
struct DevSite: Sendable {
    /// What nginx listens on (`127.0.0.1:8787`).
    let listen: String
    /// The worker's FastCGI socket.
    let socketPath: String
    /// nginx's prefix directory (its config, pid, logs and temp files).
    let prefix: String

    /// Renders the site for `config` into `<prefix>/nginx.conf`, logging the generator's warnings;
    /// returns the file's path.
    func write(config: WorkerConfig, logger: Logger) throws -> String {
        let site = NginxSite(
            sites: [
                try NginxSite.Site(id: config.name ?? "worker", config: config, fastcgiAddress: "unix:\(socketPath)")
            ],
            listen: listen, useRoutes: false)
        for warning in site.warnings { logger.warning("\(warning)") }
        return try site.writeDevConfig(prefix: prefix)
    }
}
