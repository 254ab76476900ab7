import ArgumentParser
import OutpostConfig

/// A human-readable summary of a resolved config.
enum ConfigSummary {
    static func render(_ config: WorkerConfig) -> String {
        var lines = ["config: \(config.file)" + (config.environment.map { " (env \($0))" } ?? "")]
        if let name = config.name { lines.append("name: \(name)") }
        lines.append("listen: \(config.outpost.listen?.description ?? "-")  threads: \(config.outpost.threads)")
        lines.append("state: \(config.outpost.stateDir)")
        for name in config.vars.keys.sorted() { lines.append("var \(name)") }
        for name in config.secrets.keys.sorted() { lines.append("secret \(name) (hidden)") }
        for kv in config.kvNamespaces {
            if let redis = kv.redis {
                lines.append(
                    "kv \(kv.binding) → redis \(redis) namespace \(kv.localName) "
                        + "(connect \(redis.connectTimeoutMs) ms, command \(redis.commandTimeoutMs) ms)")
            } else {
                lines.append("kv \(kv.binding) → sqlite \(config.outpost.stateDir)/kv/\(kv.localName).sqlite")
            }
        }
        for d1 in config.d1Databases {
            let target: String
            switch d1.backend {
            case .sqlite: target = "\(config.outpost.stateDir)/d1/\(d1.localName).sqlite"
            case .dqlite(let nodes, let database, let timeoutMs):
                target = "dqlite://\(nodes.joined(separator: ","))/\(database) (timeout \(timeoutMs) ms)"
            }
            lines.append("d1 \(d1.binding) → \(target) (migrations \(d1.migrationsDir))")
        }
        for cron in config.crons { lines.append("cron \(cron.expression)") }
        for route in config.routes {
            lines.append("route \(route)" + (config.customDomains.contains(route) ? " (custom domain)" : ""))
        }
        if let assets = config.assets {
            var line = "assets \(assets.directory) html_handling=\(assets.htmlHandling.rawValue)"
            line += " not_found_handling=\(assets.notFoundHandling.rawValue)"
            if let binding = assets.binding { line += " binding=\(binding)" }
            if assets.runWorkerFirst { line += " run_worker_first=true" }
            let rules = assets.workerFirstPatterns + assets.assetFirstPatterns.map { "!" + $0 }
            if !rules.isEmpty { line += " run_worker_first=\(rules.joined(separator: ","))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
