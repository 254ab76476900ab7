import Foundation
import OutpostTestSupport
import OutpostTesting
import Testing

/// D1 through the real stack: migrations and `d1 execute` on the same file the worker behind nginx reads.
@Suite(.serialized)
struct D1ThroughNginxTests {
    static var hello: String { OutpostStack.productsDirectory + "/hello" }
    static var config: String {
        """
        name = "d1-test"
        [[d1_databases]]
        binding = "DB"
        database_name = "greetings-db"
        migrations_dir = "\(OutpostStack.packageRoot)/Sources/hello/migrations"
        """
    }

    private func d1(_ stack: OutpostStack, _ arguments: [String]) throws -> (code: Int32?, out: String, err: String) {
        let result = try stack.command(["d1"] + arguments)
        return (result.code, result.stdout, result.stderr)
    }

    @Test func migrationsAndExecuteAreSeenByTheRunningWorker() throws {
        let stack = try OutpostStack(executable: Self.hello, config: Self.config)
        let before = try stack.request("GET", "/greetings")
        #expect(before.status == 500, "no table before migrations")
        let apply = try d1(stack, ["migrations", "apply", "DB"])
        #expect(apply.code == 0, "\(apply.err)")
        #expect(apply.out.contains("0001_hello_greetings.sql"))
        #expect(try stack.request("GET", "/greetings").text == #"[{"id":1,"message":"Hello from D1!"}]"#)
        let insert = try d1(
            stack,
            [
                "execute", "greetings-db", "--command", "INSERT INTO greetings (message) VALUES ('from the CLI')",
                "--json",
            ])
        #expect(insert.code == 0, "\(insert.err)")
        #expect(
            try stack.request("GET", "/greetings").text
                == #"[{"id":1,"message":"Hello from D1!"},{"id":2,"message":"from the CLI"}]"#)
        #expect(try d1(stack, ["migrations", "list", "DB"]).out.contains("No migrations to apply"))
    }
}
