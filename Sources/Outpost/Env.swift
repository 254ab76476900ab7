/// The bindings a worker sees. JS equivalent: `env`.
///
/// Vars come from `[vars]` (strings, or JSON for non-string TOML values), secrets from `.dev.vars`
/// or the process environment, and KV / D1 bindings from `[[kv_namespaces]]` / `[[d1_databases]]`.
public struct Env: Sendable {
    /// A named binding: what it is (for error messages) and the object a worker uses.
    /// JS equivalent: the binding objects on `env` (`env.KV`, `env.DB`).
    public struct Binding: Sendable {
        /// What the binding is, as a person says it: "KV namespace", "D1 database".
        /// JS equivalent: none (`env.KV.constructor.name` comes closest).
        public let kind: String
        /// The object behind the binding (a `KVNamespace`, a `D1Database`, …).
        /// JS equivalent: the object `env.NAME` holds.
        public let value: any Sendable

        /// A binding of `kind` backed by `value`.
        /// JS equivalent: none (wrangler creates bindings from the config).
        public init(kind: String, value: any Sendable) {
            self.kind = kind
            self.value = value
        }
    }

    /// `[vars]` by name. JS equivalent: `env.NAME` for a var.
    public let vars: [String: JSONValue]
    /// Secrets by name (never logged). JS equivalent: `env.NAME` for a secret.
    public let secrets: [String: String]
    /// The config file the bindings were declared in, for error messages.
    /// JS equivalent: none (wrangler names the config in its own errors).
    public let configFile: String
    private let bindings: [String: Binding]
    private let fetcher: any Fetcher

    /// An environment with the given parts.
    /// JS equivalent: the `env` object miniflare builds from `bindings`.
    public init(
        vars: [String: JSONValue] = [:],
        secrets: [String: String] = [:],
        bindings: [String: Binding] = [:],
        configFile: String = "wrangler.toml",
        fetcher: any Fetcher = URLSessionFetcher()
    ) {
        self.vars = vars
        self.secrets = secrets
        self.bindings = bindings
        self.configFile = configFile
        self.fetcher = fetcher
    }

    /// A var or secret as text: a secret wins over a var of the same name (as in wrangler);
    /// a non-string var is its JSON text. JS equivalent: `env.NAME`.
    public subscript(name: String) -> String? {
        if let secret = secrets[name] { return secret }
        guard let value = vars[name] else { return nil }
        if case .string(let text) = value { return text }
        return value.serialized
    }

    /// The binding `name` as a `T`, or a `BindingError` naming the binding and the config file.
    /// JS equivalent: `env.NAME` (throws where JS would give `undefined`).
    public func binding<T: Sendable>(_ name: String, as type: T.Type, kind: String) throws(BindingError) -> T {
        guard let binding = bindings[name] else {
            throw BindingError(binding: name, expected: kind, found: nil, configFile: configFile)
        }
        guard let value = binding.value as? T else {
            throw BindingError(binding: name, expected: kind, found: binding.kind, configFile: configFile)
        }
        return value
    }

    /// The names of every binding, sorted.
    /// JS equivalent: `Object.keys(env)`.
    public var bindingNames: [String] { bindings.keys.sorted() }

    /// The kind of binding `name`, or `nil`.
    /// JS equivalent: none (`typeof env.NAME`).
    public func bindingKind(_ name: String) -> String? { bindings[name]?.kind }

    /// Sends a subrequest. JS equivalent: `fetch(request)` from inside a Worker.
    public func fetch(_ request: Request) async throws -> Response {
        try await fetcher.fetch(request)
    }

    /// A copy of this environment with `binding` added under `name`.
    /// JS equivalent: `{ ...env, [name]: binding }`.
    public func adding(_ name: String, _ binding: Binding) -> Env {
        var all = bindings
        all[name] = binding
        return Env(vars: vars, secrets: secrets, bindings: all, configFile: configFile, fetcher: fetcher)
    }
}
