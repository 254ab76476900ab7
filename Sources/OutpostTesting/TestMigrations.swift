import Foundation
import OutpostConfig
import OutpostRuntime

/// Applies each D1 database's migrations before a `TestWorker` starts, as `d1 migrations apply` would.
enum TestMigrations {
    /// The `migrations_dir` of a test database declared without migrations.
    static let none = ""

    /// Applies the `.sql` files of every `[[d1_databases]]` entry whose migrations directory exists;
    /// throws `TestWorkerError` naming the database and file of the first failure.
    static func apply(config: WorkerConfig) async throws {
        for database in config.d1Databases where database.migrationsDir != none {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: database.migrationsDir, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { continue }
            let migrations = D1Migrations(directory: database.migrationsDir, table: database.migrationsTable)
            let report = try await migrations.applyAll(on: D1Databases.storage(database, in: config))
            if let failure = report.failure {
                let name = report.outcomes.last?.name ?? "?"
                throw TestWorkerError("migration \(name) of D1 database \"\(database.binding)\" failed: \(failure)")
            }
        }
    }
}
