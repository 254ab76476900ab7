import Foundation
import Logging
public import Outpost
public import OutpostConfig

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
        return Env(
            vars: config.vars,
            secrets: config.secrets,
            bindings: bindings,
            configFile: config.file
        )
    }
}
