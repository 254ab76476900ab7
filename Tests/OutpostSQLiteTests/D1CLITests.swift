import Foundation
import Outpost
import OutpostRuntime
import OutpostSQLite
import Testing

@Suite struct D1CLITests {
    @Test func commandAndFileAreExclusive() async throws {
        let project = try TemporaryProject()
        let error = await #expect(throws: D1CLIError.self) {
            try await D1CLI.execute(
                config: project.config, database: "DB", command: "SELECT 1", file: "x.sql", json: false)
        }
        #expect(error?.description == "can't provide both --command and --file.")
    }

    @Test func unknownDatabaseIsNamed() async throws {
        let project = try TemporaryProject()
        let error = await #expect(throws: D1CLIError.self) {
            try await D1CLI.execute(
                config: project.config, database: "nope", command: "SELECT 1", file: nil, json: false)
        }
        #expect(
            error?.description == "Couldn't find a D1 DB with the name or binding 'nope' in your wrangler.toml file.")
    }

    @Test func jsonOutputHasWranglersShape() async throws {
        let project = try TemporaryProject()
        let output = try await D1CLI.execute(
            config: project.config, database: "main-db",
            command: "CREATE TABLE t (a, b); INSERT INTO t VALUES (1, X'0102'), (NULL, 'x'); SELECT * FROM t",
            file: nil, json: true)
        let value = try JSONValue(parsing: output)
        let results = try #require(value.arrayValue)
        #expect(results.count == 3)
        for result in results {
            #expect(result.objectValue?.keys == ["results", "success", "meta"])
            #expect(result["success"] == true)
            #expect(result["meta"]?.objectValue?.keys == ["duration"])
        }
        #expect(results[2]["results"] == [["a": 1, "b": "[1, 2]"], ["a": nil, "b": "x"]])
        #expect(output.hasPrefix("[\n  {\n    \"results\": ["))
    }

    @Test func textOutputCountsCommandsAndDrawsTables() async throws {
        let project = try TemporaryProject()
        let output = try await D1CLI.execute(
            config: project.config, database: "DB", command: "CREATE TABLE t (id, name); SELECT 1 AS id, 'a' AS name",
            file: nil, json: false)
        #expect(output.contains("🚣 2 commands executed successfully."))
        #expect(output.contains("│ id │ name │"))
        #expect(output.contains("│ 1  │ a    │"))
    }

    @Test func fileRunsAtomicallyWithTransactionStripped() async throws {
        let project = try TemporaryProject()
        let file = project.directory + "/seed.sql"
        try "BEGIN TRANSACTION;\nCREATE TABLE t (a);\nINSERT INTO t VALUES (1);\nCOMMIT;\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        _ = try await D1CLI.execute(config: project.config, database: "DB", command: nil, file: file, json: false)
        try "INSERT INTO t VALUES (2);\nINSERT INTO nope VALUES (3);\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        await #expect(throws: D1Error.self) {
            try await D1CLI.execute(config: project.config, database: "DB", command: nil, file: file, json: false)
        }
        let db = D1Database(storage: try project.engine())
        #expect(try await db.prepare("SELECT a FROM t").raw() == [[1]])
    }

    @Test func trailingCommentsDoNotFail() async throws {
        let project = try TemporaryProject()
        let output = try await D1CLI.execute(
            config: project.config, database: "DB", command: "SELECT 1; -- done", file: nil, json: false)
        #expect(output.contains("🚣 1 command executed successfully."))
    }

    @Test func cliAndServerShareTheFile() async throws {
        let project = try TemporaryProject()
        let env = try EnvFactory(config: project.config).makeEnv()
        let db = try env.d1("DB")
        try await db.exec("CREATE TABLE shared (v TEXT)")
        _ = try await D1CLI.execute(
            config: project.config, database: "main-db", command: "INSERT INTO shared VALUES ('cli')", file: nil,
            json: false)
        #expect(try await db.prepare("SELECT v FROM shared").first(column: "v") == "cli")
        #expect(FileManager.default.fileExists(atPath: project.directory + "/.outpost/state/d1/main-db.sqlite"))
    }

    @Test func exportAndCreateThroughTheCLI() async throws {
        let project = try TemporaryProject()
        _ = try await D1CLI.execute(
            config: project.config, database: "DB", command: "CREATE TABLE t (a); INSERT INTO t VALUES ('x')",
            file: nil, json: false)
        let dump = try D1CLI.export(config: project.config, database: "main-db")
        #expect(
            dump == "PRAGMA defer_foreign_keys=TRUE;\nCREATE TABLE t (a);\nINSERT INTO \"t\" (\"a\") VALUES('x');\n")
        let console = D1Console.capturing()
        try D1CLI.createMigration(config: project.config, database: "DB", message: "add users", console: console)
        #expect(console.output.contains("✅ Successfully created Migration '0001_add_users.sql'!"))
        #expect(FileManager.default.fileExists(atPath: project.directory + "/migrations/0001_add_users.sql"))
    }
}
