public import Outpost

/// The bindings a `TestWorker` gets without a config file, or on top of one: vars, secrets, KV
/// namespaces and D1 databases (each on a temporary SQLite file), and KV namespaces backed by a
/// storage you supply (a failing one, say). Build it by chaining:
///
/// ```swift
/// let bindings = TestBindings().kv("KV").d1("DB", migrations: "migrations").vars(["MODE": "test"])
/// ```
///
/// JS equivalent: the `miniflare` options of `@cloudflare/vitest-pool-workers`
/// (`kvNamespaces`, `d1Databases`, `bindings`).
public struct TestBindings: Sendable {
    /// A D1 database: its binding and the migrations applied to it first.
    struct Database: Sendable {
        var binding: String
        var migrations: String?
    }

    /// Vars by name, as `env.vars` shows them. JS equivalent: `miniflare.bindings` (plain values).
    public private(set) var vars: [String: JSONValue] = [:]
    /// Secrets by name. JS equivalent: `miniflare.bindings` (secrets are plain strings there too).
    public private(set) var secrets: [String: String] = [:]
    /// KV namespace bindings on temporary SQLite files. JS equivalent: `miniflare.kvNamespaces`.
    public private(set) var kvNamespaces: [String] = []
    private(set) var d1Databases: [Database] = []
    private(set) var kvStorages: [String: any KVStorage] = [:]

    /// No bindings. JS equivalent: `miniflare: {}`.
    public init() {}

    /// Adds `vars`, replacing vars of the same name (also the config's). JS equivalent: `miniflare.bindings`.
    public func vars(_ vars: [String: JSONValue]) -> TestBindings {
        var copy = self
        copy.vars.merge(vars) { _, new in new }
        return copy
    }

    /// Adds `secrets`, replacing secrets of the same name. JS equivalent: `miniflare.bindings`.
    public func secrets(_ secrets: [String: String]) -> TestBindings {
        var copy = self
        copy.secrets.merge(secrets) { _, new in new }
        return copy
    }

    /// Adds a KV namespace bound as `binding` on a temporary SQLite file. JS equivalent:
    /// `miniflare.kvNamespaces: ["KV"]`.
    public func kv(_ binding: String) -> TestBindings {
        var copy = self
        copy.kvNamespaces.append(binding)
        return copy
    }

    /// Binds `binding` to a KV namespace over `storage` (Cloudflare's validation still runs in front of
    /// it), replacing a namespace of that name from the config. JS equivalent: none (miniflare has no
    /// pluggable KV storage); use it to simulate an unreachable KV.
    public func kv(_ binding: String, storage: some KVStorage) -> TestBindings {
        var copy = self
        copy.kvStorages[binding] = storage
        return copy
    }

    /// Adds a D1 database bound as `binding` on a temporary SQLite file, with the `.sql` files of
    /// `migrations` (if given) applied in wrangler's order. JS equivalent: `miniflare.d1Databases: ["DB"]`
    /// followed by `applyD1Migrations(env.DB, migrations)`.
    public func d1(_ binding: String, migrations: String? = nil) -> TestBindings {
        var copy = self
        copy.d1Databases.append(Database(binding: binding, migrations: migrations))
        return copy
    }
}
