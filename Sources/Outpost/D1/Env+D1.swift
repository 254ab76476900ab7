extension Env {
    /// The D1 database bound as `name`, or a `BindingError` naming the binding and the config file.
    /// JS equivalent: `env.NAME` for a `[[d1_databases]]` binding.
    public func d1(_ name: String) throws(BindingError) -> D1Database {
        try binding(name, as: D1Database.self, kind: "D1 database")
    }
}
