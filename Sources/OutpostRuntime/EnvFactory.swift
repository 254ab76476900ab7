import Foundation
import Logging
package import Metrics
package import Outpost
package import OutpostConfig
import OutpostDqlite
import OutpostSQLite

/// Builds a worker's `Env` from its config: vars, secrets, and every KV and D1 binding opened on the
/// state directory.
///
/// Secrets come from `.dev.vars` (development), then from the process environment (production,
/// e.g. a systemd `EnvironmentFile`): each name in `secrets.required`, and `OUTPOST_SECRET_<NAME>`
/// as secret `NAME`. The environment wins over `.dev.vars`.
package struct EnvFactory: Sendable {
    /// The resolved config.
    package let config: WorkerConfig

    /// The clock KV namespaces read "now" from (for expiry).
    package let kvClock: KVClock
    /// Where every KV and D1 operation is recorded, per binding.
    package let metrics: any MetricsFactory

    /// A factory for `config`; KV expiry reads `kvClock`; operations are recorded into `metrics` (by
    /// default the process's, which the executable bootstraps with the Prometheus registry).
    package init(config: WorkerConfig, kvClock: KVClock = .system, metrics: any MetricsFactory = MetricsSystem.factory)
    {
        self.config = config
        self.kvClock = kvClock
        self.metrics = metrics
    }

    /// The environment a worker sees.
    package func makeEnv() throws -> Env {
        Env(
            vars: config.vars.mapValues(JSONValue.init),
            secrets: Self.secrets(of: config, environment: ProcessInfo.processInfo.environment),
            bindings: try makeBindings(),
            configFile: config.file
        )
    }

    /// Every KV, D1 and assets binding of the config, by name, opened on the state directory.
    package func makeBindings() throws -> [String: Env.Binding] {
        var bindings: [String: Env.Binding] = [:]
        let kvStores = KVStores(config: config, clock: kvClock, metrics: metrics)
        for namespace in config.kvNamespaces {
            bindings[namespace.binding] = Env.Binding(
                kind: "KV namespace", value: try kvStores.namespace(for: namespace))
        }
        for (name, database) in try makeD1Databases() {
            bindings[name] = Env.Binding(kind: "D1 database", value: database)
        }
        if let assets = config.assets, let name = assets.binding {
            let fetcher: any Fetcher = AssetsFetcher(folder: try AssetsFolder(config: assets), config: assets)
            bindings[name] = Env.Binding(kind: "assets binding", value: fetcher)
        }
        return bindings
    }

    /// The secrets of `config` with the process environment's applied (see the type's documentation).
    package static func secrets(of config: WorkerConfig, environment: [String: String]) -> [String: String] {
        var secrets = config.secrets
        for name in config.requiredSecrets ?? [] {
            if let value = environment[name] { secrets[name] = value }
        }
        let prefix = "OUTPOST_SECRET_"
        for (key, value) in environment where key.hasPrefix(prefix) && key.count > prefix.count {
            secrets[String(key.dropFirst(prefix.count))] = value
        }
        return secrets
    }

    /// A `D1Database` per `[[d1_databases]]` binding, each on `<state_dir>/d1/<database_name or binding>.sqlite` or its dqlite cluster;
    /// bindings naming the same database share one engine (one writer per file). Each binding's
    /// requests are recorded into `metrics`.
    package func makeD1Databases() throws -> [String: D1Database] {
        var engines: [String: D1Engine] = [:]
        var databases: [String: D1Database] = [:]
        for entry in config.d1Databases {
            let storage: any D1Storage
            switch entry.backend {
            case .sqlite:
                let path = D1Databases.path(of: entry, in: config)
                let engine = try engines[path] ?? D1Engine(path: path)
                engines[path] = engine
                storage = engine
            case .dqlite(let nodes, let name, let timeoutMs):
                storage = DqliteD1Storage(nodes: nodes, database: name, timeout: .milliseconds(timeoutMs))
            }
            let backend = storage is D1Engine ? "sqlite" : "dqlite"
            let metered = MeteredD1Storage(storage, binding: entry.binding, backend: backend, factory: metrics)
            databases[entry.binding] = D1Database(storage: metered)
        }
        return databases
    }
}
