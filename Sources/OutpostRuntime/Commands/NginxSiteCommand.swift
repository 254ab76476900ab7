import ArgumentParser
import Foundation
import OutpostConfig

/// `nginx-site`: writes the production nginx site for the config's routes, assets and socket.
struct NginxSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nginx-site",
        abstract: "Write the nginx site (routes, [assets], FastCGI socket, limits, status path) for this worker.",
        discussion: """
            The file goes in nginx's http context (e.g. /etc/nginx/sites-enabled/). Regenerate it after changing \
            the config or the assets folder: redirects and asset paths are compiled into it. Several workers \
            share one nginx with --with OTHER_CONFIG (routes on one host are combined, longest path first).
            """)

    @OptionGroup var options: ConfigOptions

    @Option(help: "Write the site to FILE instead of standard output.")
    var out: String?

    @Option(help: "What the servers listen on (nginx `listen`), e.g. 80 or 127.0.0.1:8080.")
    var listen: String = "80"

    @Option(name: .customLong("with"), help: "Another worker's config to serve from the same nginx (repeatable).")
    var others: [String] = []

    @Option(help: "The FastCGI address of this worker, unix:/path or host:port (overrides [outpost] listen).")
    var fastcgi: String?

    @Option(
        help: ArgumentHelp(
            "Write a complete nginx.conf that runs without root under DIR (what `dev` runs) instead of a site.",
            valueName: "DIR"))
    var standalone: String?

    @Flag(
        help: ArgumentHelp(
            "fastcgi_keep_conn with an upstream pool capped at [outpost] processes × kept_connections "
                + "(or × threads without kept_connections) connections (extra requests get 502)."))
    var keepConn = false

    func run() throws {
        let configs =
            [try options.load()]
            + (try others.map {
                try ConfigLoader.load(
                    explicitPath: $0, environment: nil, workingDirectory: FileManager.default.currentDirectoryPath)
            })
        var sites: [NginxSite.Site] = []
        for (index, config) in configs.enumerated() {
            guard
                let listen = index == 0
                    ? fastcgi ?? config.outpost.listen?.description : config.outpost.listen?.description
            else {
                throw ValidationError("\(config.file): no [outpost] listen")
            }
            let site = try NginxSite.Site(id: config.name ?? "worker\(index)", config: config, fastcgiAddress: listen)
            guard !sites.contains(where: { $0.id == site.id }) else {
                throw ValidationError(
                    "\(config.file): two workers are named \"\(site.id)\"; give each a distinct `name`")
            }
            sites.append(site)
        }
        let site = NginxSite(sites: sites, listen: listen, useRoutes: true, keepConn: keepConn, tlsPlaceholders: true)
        for warning in site.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if let standalone {
            let prefix = ConfigPath.resolve(standalone, against: FileManager.default.currentDirectoryPath)
            try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true)
            let text = NginxSite.devConfig(prefix: prefix, site: try site.render())
            try text.write(toFile: out ?? prefix + "/nginx.conf", atomically: true, encoding: .utf8)
            return
        }
        let text = try site.render()
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } else {
            print(text, terminator: "")
        }
    }
}
