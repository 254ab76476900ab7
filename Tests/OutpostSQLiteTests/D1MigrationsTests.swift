import Foundation
import Outpost
import OutpostConfig
import OutpostRuntime
import OutpostSQLite
import OutpostTestSupport
import Testing

/// A config with one D1 database `DB` (`database_name` "main-db") in a temporary directory.
final class TemporaryProject {
    let directory: String
    var config: WorkerConfig

    init(migrationsTable: String = "d1_migrations") throws {
        directory = NSTemporaryDirectory() + "outpost-d1-project-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        config = WorkerConfig(file: directory + "/wrangler.toml", directory: directory)
        config.outpost.stateDir = directory + "/.outpost/state"
        var database = D1DatabaseConfig(
            binding: "DB", databaseName: "main-db", migrationsDir: directory + "/migrations")
        database.migrationsTable = migrationsTable
        config.d1Databases.append(database)
    }

    var migrations: D1Migrations { try! D1CLI.migrations(config: config, database: "DB") }

    func write(_ name: String, _ sql: String) throws {
        try FileManager.default.createDirectory(atPath: directory + "/migrations", withIntermediateDirectories: true)
        try sql.write(toFile: directory + "/migrations/" + name, atomically: true, encoding: .utf8)
    }

    func engine() throws -> D1Engine {
        try D1Databases.open(config.d1Databases[0], in: config)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}

@Suite struct D1MigrationsTests {
    @Test func orderIsNumericThenLexicographic() {
        let names = ["10_c.sql", "z.sql", "9_b.sql", "1_a.sql", "b.sql", "0002_x.sql", "2_a.sql"]
        #expect(
            D1Migrations.ordered(names) == [
                "1_a.sql", "0002_x.sql", "2_a.sql", "9_b.sql", "10_c.sql", "b.sql", "z.sql",
            ])
    }

    @Test func createNumbersAfterTheHighest() throws {
        let project = try TemporaryProject()
        let console = D1Console.capturing()
        let first = try D1CLI.createMigration(
            config: project.config, database: "DB", message: "create users table", console: console)
        #expect((first as NSString).lastPathComponent == "0001_create_users_table.sql")
        let contents = try String(contentsOfFile: first, encoding: .utf8)
        #expect(contents.hasPrefix("-- Migration number: 0001 \t 20"))
        #expect(contents.hasSuffix("Z\n"))
        try project.write("0010_manual.sql", "SELECT 1;")
        let next = try D1CLI.createMigration(config: project.config, database: "DB", message: "next", console: console)
        #expect((next as NSString).lastPathComponent == "0011_next.sql")
        #expect(throws: D1CLIError.self) { try project.migrations.newFileName(message: "a/b") }
    }

    @Test func applyStopsAtTheFirstFailureKeepingEarlierOnes() async throws {
        let project = try TemporaryProject()
        try project.write("1_create.sql", "CREATE TABLE t (a INTEGER);\nINSERT INTO t VALUES (1);")
        try project.write("2_broken.sql", "INSERT INTO t VALUES (2);\nINSERT INTO missing VALUES (1);")
        try project.write("10_later.sql", "INSERT INTO t VALUES (10);")
        let engine = try project.engine()
        #expect(try await project.migrations.unapplied(on: engine) == ["1_create.sql", "2_broken.sql", "10_later.sql"])
        let console = D1Console.capturing()
        let error = await #expect(throws: D1CLIError.self) {
            try await D1CLI.applyMigrations(config: project.config, database: "DB", console: console)
        }
        let output = console.output
        #expect(output.contains("│ 1_create.sql │ ✅      │"))
        #expect(output.contains("│ 2_broken.sql │ ❌      │"))
        #expect(!output.contains("│ 10_later.sql │ ✅"))
        #expect(error?.description == "no such table: missing: SQLITE_ERROR")
        #expect(console.errors == "Error: Migration 2_broken.sql failed with the following errors:\n")
        #expect(try await project.migrations.applied(on: engine) == ["1_create.sql"])
        let db = D1Database(storage: engine)
        #expect(try await db.prepare("SELECT a FROM t").raw() == [[1]])

        try project.write("2_broken.sql", "INSERT INTO t VALUES (2);")
        let second = D1Console.capturing()
        try await D1CLI.applyMigrations(config: project.config, database: "DB", console: second)
        #expect(second.output.contains("│ 2_broken.sql │ ✅") && second.output.contains("│ 10_later.sql │ ✅"))
        #expect(try await db.prepare("SELECT a FROM t ORDER BY a").raw() == [[1], [2], [10]])
        let list = D1Console.capturing()
        try await D1CLI.listMigrations(config: project.config, database: "DB", console: list)
        #expect(list.output == "✅ No migrations to apply!\n")
        let again = D1Console.capturing()
        try await D1CLI.applyMigrations(config: project.config, database: "DB", console: again)
        #expect(again.output == "✅ No migrations to apply!\n")
    }

    @Test func listShowsUnappliedAndCreatesTheTable() async throws {
        let project = try TemporaryProject(migrationsTable: "my \"migrations\"")
        try project.write("0001_a.sql", "CREATE TABLE a (x);")
        let console = D1Console.capturing()
        try await D1CLI.listMigrations(config: project.config, database: "DB", console: console)
        #expect(console.output.contains("0001_a.sql"))
        let db = D1Database(storage: try project.engine())
        let columns = try await db.prepare("SELECT * FROM \"my \"\"migrations\"\"\"").raw(columnNames: true)
        #expect(columns == [["id", "name", "applied_at"]])
        try await D1CLI.applyMigrations(config: project.config, database: "DB", console: console)
        #expect(try await db.prepare("SELECT name FROM \"my \"\"migrations\"\"\"").raw() == [["0001_a.sql"]])
    }

    @Test func migrationSQLRecordsTheName() throws {
        let project = try TemporaryProject()
        try project.write("0001_it's.sql", "SELECT 1;")
        #expect(
            try project.migrations.sql(for: "0001_it's.sql")
                == "SELECT 1;\nINSERT INTO \"d1_migrations\" (name)\nvalues ('0001_it''s.sql');")
    }
}
