import Foundation
import Logging
public import Outpost
public import OutpostConfig
import OutpostSQLite

/// Builds a worker's `Env` from its config: vars, secrets (`.dev.vars`, then the process environment
/// for names the config declares), and every KV and D1 binding opened on the state directory.
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
            secrets: config.secrets,
            bindings: bindings,
            configFile: config.file
        )
    }

    /// A `D1Database` per `[[d1_databases]]` binding, each on `<state_dir>/d1/<database_name or binding>.sqlite`;
    /// bindings naming the same database share one engine (one writer per file).
    public func makeD1Databases() throws -> [String: D1Database] {
        var engines: [String: D1Engine] = [:]
        var databases: [String: D1Database] = [:]
        for entry in config.d1Databases {
            let path = D1Databases.path(of: entry, in: config)
            let engine = try engines[path] ?? D1Engine(path: path)
            engines[path] = engine
            databases[entry.binding] = D1Database(storage: engine)
        }
        return databases
    }
}
