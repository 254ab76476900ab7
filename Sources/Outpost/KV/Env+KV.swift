extension Env {
    /// The KV namespace bound as `name`, or a `BindingError` naming the binding and the config file.
    ///
    /// JS equivalent: `env.NAME` for a `[[kv_namespaces]]` binding.
    public func kv(_ name: String) throws(BindingError) -> KVNamespace {
        try binding(name, as: KVNamespace.self, kind: "KV namespace")
    }
}
