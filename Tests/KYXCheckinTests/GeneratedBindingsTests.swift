import Foundation
import OutpostTestSupport
import Testing

/// `kyx-checkin types` on the flagship's config generates exactly the committed
/// `Sources/KYXCheckin/Env+Bindings.swift` (which the flagship compiles and uses: `env.KV`, `env.DB`),
/// and `check` warns when a generated file no longer matches its config.
@Suite(.serialized)
struct GeneratedBindingsTests {
    static let generatedFile = OutpostStack.packageRoot + "/Sources/KYXCheckin/Env+Bindings.swift"

    /// Runs the flagship's executable with `arguments` in `directory`; answers its exit code and output.
    private func run(_ arguments: [String], in directory: String) throws -> (code: Int32?, stdout: String) {
        let process = try TestProcess(
            executable: ThroughNginxTests.executable, arguments: arguments, directory: directory, name: "types")
        let code = process.waitForExit(seconds: 60)
        return (code, process.stdout)
    }

    @Test func typesOfTheFlagshipConfigIsTheCommittedFile() throws {
        // Run elsewhere: the process's output files go to its directory, never into the package.
        let result = try run(
            ["types", "--config", OutpostStack.packageRoot + "/wrangler-like.toml"],
            in: try TestDirectory.make(prefix: "types"))
        #expect(result.code == 0)
        let committed = try String(contentsOfFile: Self.generatedFile, encoding: .utf8)
        #expect(
            result.stdout == committed,
            "Sources/KYXCheckin/Env+Bindings.swift is stale: run `swift run kyx-checkin types --config wrangler-like.toml --out Sources/KYXCheckin/Env+Bindings.swift`"
        )
        #expect(committed.contains("var KV: KVNamespace"))
        #expect(committed.contains("var DB: D1Database"))
        #expect(committed.contains("var TIMEZONE_OFFSET_MINUTES: String?"))
    }

    @Test func checkWarnsWhenTheGeneratedFileIsStale() throws {
        let directory = try TestDirectory.make(prefix: "types")
        let config = """
            name = "typed"
            [vars]
            GREETING = "hi"
            LIMITS = { max = 3 }
            [[kv_namespaces]]
            binding = "CACHE"
            id = "cache"
            """
        try config.write(toFile: directory + "/wrangler.toml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory + "/Sources/App", withIntermediateDirectories: true)
        let out = "Sources/App/Env+Bindings.swift"
        #expect(try run(["types", "--out", out], in: directory).code == 0)
        let generated = try String(contentsOfFile: directory + "/" + out, encoding: .utf8)
        #expect(generated.contains(#"get throws(BindingError) { try kv("CACHE") }"#))
        #expect(generated.contains(#"var LIMITS: JSONValue? { self["LIMITS"] }"#))
        let fresh = try run(["check"], in: directory)
        #expect(fresh.code == 0)
        #expect(!fresh.stdout.contains("stale"))
        try (config + "\n[[d1_databases]]\nbinding = \"DB\"\ndatabase_name = \"db\"\n").write(
            toFile: directory + "/wrangler.toml", atomically: true, encoding: .utf8)
        let stale = try run(["check"], in: directory)
        #expect(stale.code == 0)
        #expect(stale.stdout.contains("warning: \(out) is stale"), "\(stale.stdout)")
    }
}
