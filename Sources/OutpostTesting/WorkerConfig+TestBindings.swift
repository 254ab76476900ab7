import OutpostConfig

extension WorkerConfig {
    /// Declares the KV namespaces and D1 databases of `bindings` (replacing entries of the same
    /// binding), as if the config had listed them.
    mutating func add(_ bindings: TestBindings) {
        for name in bindings.kvNamespaces {
            kvNamespaces.removeAll { $0.binding == name }
            kvNamespaces.append(KVNamespaceConfig(binding: name))
        }
        for database in bindings.d1Databases {
            d1Databases.removeAll { $0.binding == database.binding }
            let migrations = database.migrations.map { ConfigPath.resolve($0, against: directory) }
            d1Databases.append(
                D1DatabaseConfig(binding: database.binding, migrationsDir: migrations ?? TestMigrations.none))
        }
    }
}
