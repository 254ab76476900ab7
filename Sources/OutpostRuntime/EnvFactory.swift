import Foundation
import Logging
public import Outpost
public import OutpostConfig
import OutpostDqlite
import OutpostSQLite

/// Builds a worker's `Env` from its config: vars, secrets, and every KV and D1 binding opened on the
/// state directory.
///
/// Secrets come from `.dev.vars` (development), then from the process environment (production,
/// e.g. a systemd `EnvironmentFile`): each name in `secrets.required`, and `OUTPOST_SECRET_<NAME>`
/// as secret `NAME`. The environment wins over `.dev.vars`.
public struct EnvFactory: Sendable {
    /// The resolved config.
    public let config: WorkerConfig

    /// The clock KV namespaces read "now" from (for expiry).
    public let kvClock: KVClock

    /// A factory for `config`; KV expiry reads `kvClock`.
    public init(config: WorkerConfig, kvClock: KVClock = .system) {
        self.config = config
        self.kvClock = kvClock
    }

    /// The environment a worker sees.
    public func makeEnv() throws -> Env {
        var bindings: [String: Env.Binding] = [:]
        let kvStores = KVStores(config: config, clock: kvClock)
        for namespace in config.kvNamespaces {
            bindings[namespace.binding] = Env.Binding(
                kind: "KV namespace", value: try kvStores.namespace(for: namespace))
        }
        for (name, database) in try makeD1Databases() {
            bindings[name] = Env.Binding(kind: "D1 database", value: database)
        }
        return Env(
            vars: config.vars,
            secrets: Self.secrets(of: config, environment: ProcessInfo.processInfo.environment),
            bindings: bindings,
            configFile: config.file
        )
    }

    /// The secrets of `config` with the process environment's applied (see the type's documentation).
    public static func secrets(of config: WorkerConfig, environment: [String: String]) -> [String: String] {
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

    /// A `D1Database` per `[[d1_databases]]` binding: on `<state_dir>/d1/<database_name or binding>.sqlite`
    /// (bindings naming the same file share one engine: one writer per file), or on its dqlite cluster.
    public func makeD1Databases() throws -> [String: D1Database] {
        var engines: [String: D1Engine] = [:]
        var databases: [String: D1Database] = [:]
        for entry in config.d1Databases {
            switch entry.backend {
            case .sqlite:
                let path = D1Databases.path(of: entry, in: config)
                let engine = try engines[path] ?? D1Engine(path: path)
                engines[path] = engine
                databases[entry.binding] = D1Database(storage: engine)
            case .dqlite(let nodes, let name, let timeoutMs):
                let storage = DqliteD1Storage(nodes: nodes, database: name, timeout: .milliseconds(timeoutMs))
                databases[entry.binding] = D1Database(storage: storage)
            }
        }
        return databases
    }
}
