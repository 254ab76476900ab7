import Foundation
package import Metrics
package import Outpost
package import OutpostConfig
package import OutpostRedis
import OutpostSQLite

/// Opens the storage behind `[[kv_namespaces]]` bindings, the same way for the server and the `kv`
/// commands, so both read and write the same files; each file is opened once per `KVStores`.
package final class KVStores {
    /// The resolved config.
    package let config: WorkerConfig
    /// The clock every namespace reads "now" from.
    package let clock: KVClock
    /// Which clock Redis namespaces judge expiry by: Redis's `TIME` (default), or `clock` (tests).
    package let redisClock: RedisKVOptions.Clock
    /// Where each namespace's operations are recorded (`nil`: not recorded, as in the `kv` commands).
    package let metrics: (any MetricsFactory)?
    private var opened: [String: any KVStorage] = [:]

    /// Stores for the namespaces of `config`; with `metrics`, every operation is recorded there per binding.
    package init(
        config: WorkerConfig, clock: KVClock = .system, metrics: (any MetricsFactory)? = nil,
        redisClock: RedisKVOptions.Clock = .server
    ) {
        self.config = config
        self.clock = clock
        self.metrics = metrics
        self.redisClock = redisClock
    }

    /// The SQLite file of `namespace`: `<stateDir>/kv/<id or binding>.sqlite`.
    package func filePath(of namespace: KVNamespaceConfig) -> String {
        SQLiteKVStorage.path(stateDir: config.outpost.stateDir, localName: namespace.localName)
    }

    /// The config entry for binding `name`, or an error listing the configured KV bindings.
    package func entry(binding name: String) throws -> KVNamespaceConfig {
        if let entry = config.kvNamespaces.first(where: { $0.binding == name }) { return entry }
        let known = config.kvNamespaces.map { "\"\($0.binding)\"" }.joined(separator: ", ")
        throw KVConfigError(
            "no KV namespace binding \"\(name)\" in \(config.file); "
                + (known.isEmpty ? "no [[kv_namespaces]] are configured" : "configured: \(known)"))
    }

    /// The config entry whose `id` (or `preview_id`) is `id`, or an error listing the configured ids.
    package func entry(namespaceID id: String) throws -> KVNamespaceConfig {
        if let entry = config.kvNamespaces.first(where: { $0.localName == id || $0.previewID == id }) {
            return entry
        }
        let known = config.kvNamespaces.map { "\"\($0.localName)\" (\($0.binding))" }.joined(separator: ", ")
        throw KVConfigError(
            "no KV namespace with id \"\(id)\" in \(config.file); "
                + (known.isEmpty ? "no [[kv_namespaces]] are configured" : "configured: \(known)"))
    }

    /// The namespace bound as `name` (validation in front of its storage).
    package func namespace(binding name: String) throws -> KVNamespace {
        try namespace(for: entry(binding: name))
    }

    /// The namespace for `namespace`, opening its storage on first use (metered when `metrics` is set).
    package func namespace(for namespace: KVNamespaceConfig) throws -> KVNamespace {
        let storage = try storage(for: namespace)
        guard let metrics else { return KVNamespace(storage: storage, clock: clock) }
        let metered = MeteredKVStorage(
            storage, binding: namespace.binding, backend: namespace.backend, factory: metrics)
        return KVNamespace(storage: metered, clock: clock)
    }

    /// The storage of `namespace`: its SQLite file or its Redis namespace, each opened once.
    package func storage(for namespace: KVNamespaceConfig) throws -> any KVStorage {
        switch namespace.backend {
        case "sqlite":
            let path = filePath(of: namespace)
            if let store = opened[path] { return store }
            let store = try SQLiteKVStorage(path: path)
            opened[path] = store
            return store
        case "redis":
            guard let redis = namespace.redis else {
                throw KVConfigError(
                    "KV namespace \"\(namespace.binding)\" in \(config.file): backend \"redis\" needs a `url`")
            }
            let identity = "redis \(redis) \(namespace.localName) \(namespace.binding)"
            if let store = opened[identity] { return store }
            let store = RedisKVStorage(
                binding: namespace.binding, namespace: namespace.localName, endpoint: RedisEndpoint(redis),
                options: RedisKVOptions(
                    connectTimeoutMs: redis.connectTimeoutMs, commandTimeoutMs: redis.commandTimeoutMs,
                    clock: redisClock),
                metrics: metrics)
            opened[identity] = store
            return store
        default:
            throw KVConfigError(
                "KV namespace \"\(namespace.binding)\" in \(config.file): unknown backend \"\(namespace.backend)\" "
                    + "(use \"sqlite\" or \"redis\")")
        }
    }
}

extension RedisEndpoint {
    /// The endpoint a `backend = "redis"` entry names.
    init(_ config: RedisKVConfig) {
        let address: Address =
            switch config.address {
            case .tcp(let host, let port): .tcp(host: host, port: port)
            case .unix(let path): .unix(path: path)
            }
        self.init(address: address, password: config.password, database: config.database)
    }
}
