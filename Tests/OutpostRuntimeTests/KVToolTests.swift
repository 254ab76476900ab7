import ArgumentParser
import Foundation
import Outpost
import OutpostConfig
import OutpostSQLite
import OutpostTestSupport
import OutpostTesting
import Testing

@testable import OutpostRuntime

@Suite("kv commands and EnvFactory")
struct KVToolTests {
    /// A config with bindings KV (id "ns1") and CACHE (no id) in a fresh state directory.
    final class Fixture {
        let directory: String
        var config: WorkerConfig

        init() throws {
            directory = NSTemporaryDirectory() + "outpost-kvtool-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            config = WorkerConfig(file: "wrangler-like.toml", directory: directory)
            config.outpost.stateDir = directory + "/state"
            config.kvNamespaces = [KVNamespaceConfig(binding: "KV", id: "ns1"), KVNamespaceConfig(binding: "CACHE")]
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        var tool: KVTool { KVTool(config: config) }

        /// A namespace opened separately on the file of `localName`, as a running server would.
        func separateNamespace(_ localName: String) throws -> KVNamespace {
            let path = SQLiteKVStorage.path(stateDir: config.outpost.stateDir, localName: localName)
            return KVNamespace(storage: try SQLiteKVStorage(path: path))
        }
    }

    @Test func filesAreNamedAfterIdElseBinding() throws {
        let fixture = try Fixture()
        let list = fixture.tool.namespaceList()
        #expect(list[0]?["binding"] == "KV")
        #expect(list[0]?["id"] == "ns1")
        #expect(list[0]?["file"] == .string(fixture.directory + "/state/kv/ns1.sqlite"))
        #expect(list[1]?["file"] == .string(fixture.directory + "/state/kv/CACHE.sqlite"))
    }

    @Test func cliWritesAreSeenByASeparatelyOpenedNamespaceAndBack() async throws {
        let fixture = try Fixture()
        let server = try fixture.separateNamespace("ns1")
        let message = try await fixture.tool.put(
            "greeting", value: Array("hi".utf8), binding: "KV", metadata: #"{"by":"cli"}"#, ttl: 120)
        #expect(message == "Writing the value to key \"greeting\" on namespace ns1.")
        let seen = try await server.getWithMetadata("greeting")
        #expect(seen == KVValueWithMetadata(value: "hi", metadata: ["by": "cli"]))
        try await server.put("from-server", [0, 1, 2, 255])
        #expect(try await fixture.tool.get("from-server", binding: "KV") == [0, 1, 2, 255])
        #expect(try await fixture.tool.get("missing", binding: "KV") == nil)
        _ = try await fixture.tool.delete("greeting", binding: "KV")
        #expect(try await server.get("greeting") == nil)
    }

    @Test func envFactoryOpensTheSameFiles() async throws {
        let fixture = try Fixture()
        _ = try await fixture.tool.put("k", value: Array("v".utf8), binding: "CACHE")
        let env = try EnvFactory(config: fixture.config).makeEnv()
        #expect(env.bindingKind("KV") == "KV namespace")
        #expect(try await env.kv("CACHE").get("k") == "v")
        try await env.kv("KV").put("counter", "41")
        let keys = try await fixture.tool.list(binding: "KV")
        #expect(keys == [["name": "counter"]])
    }

    @Test func commandsAndServerShareARedisNamespace() async throws {
        let fixture = try Fixture()
        let server = try RedisTestServer()
        var redis = KVNamespaceConfig(binding: "R", id: "kvtool-\(UUID().uuidString)")
        redis.backend = "redis"
        redis.url = server.unixURL
        redis.redis = RedisKVConfig(address: .unix(path: server.socketPath), rawURL: server.unixURL)
        redis.redis?.commandTimeoutMs = 10_000  // a loaded test machine; the failure tests check the timeouts
        fixture.config.kvNamespaces.append(redis)
        let list = fixture.tool.namespaceList()
        #expect(list[2]?["backend"] == "redis")
        #expect(list[2]?["url"] == .string(server.unixURL))
        let env = try EnvFactory(config: fixture.config).makeEnv()
        try await env.kv("R").put("from-server", "1", metadata: ["by": "server"])
        _ = try await fixture.tool.put("from-cli", value: Array("2".utf8), binding: "R")
        #expect(try await fixture.tool.get("from-server", binding: "R") == Array("1".utf8))
        #expect(try await env.kv("R").get("from-cli") == "2")
        let keys = try await fixture.tool.list(binding: "R")
        #expect(keys[0]?["name"] == "from-cli" && keys[1]?["name"] == "from-server")
        _ = try await fixture.tool.delete("from-server", binding: "R")
        #expect(try await env.kv("R").get("from-server") == nil)
    }

    @Test func cliGoesThroughTheBindingValidation() async throws {
        let fixture = try Fixture()
        let tool = fixture.tool
        #expect(
            await errorMessage { _ = try await tool.put("k", value: [1], binding: "KV", ttl: 30) }
                == "KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60.")
        #expect(
            await errorMessage { _ = try await tool.put("", value: [1], binding: "KV") }
                == "TypeError: Key name cannot be empty.")
        #expect(
            await errorMessage {
                _ = try await tool.put("k", value: [1], binding: "KV", metadata: .init(repeating: "x", count: 3))
            }?.hasPrefix("--metadata is not valid JSON") == true)
        #expect(
            await errorMessage { _ = try await tool.put("k", value: [1], binding: "KV", expiration: 5) }?
                .hasPrefix("KV PUT failed: 400 Invalid expiration of 5.") == true)
    }

    @Test func unknownBindingListsTheConfiguredOnes() async throws {
        let fixture = try Fixture()
        #expect(
            await errorMessage { _ = try await fixture.tool.get("k", binding: "NOPE") }
                == #"no KV namespace binding "NOPE" in wrangler-like.toml; configured: "KV", "CACHE""#)
        fixture.config.kvNamespaces = []
        #expect(
            await errorMessage { _ = try await fixture.tool.get("k", binding: "NOPE") }
                == #"no KV namespace binding "NOPE" in wrangler-like.toml; no [[kv_namespaces]] are configured"#)
    }

    @Test func bulkPutAndDeleteInWranglersFormat() async throws {
        let fixture = try Fixture()
        let server = try fixture.separateNamespace("ns1")
        let file = """
            [
              {"key": "plain", "value": "text"},
              {"key": "binary", "value": "AAH/", "base64": true},
              {"key": "meta", "value": "m", "metadata": {"a": 1}, "expiration_ttl": 120},
              {"key": "abs", "value": "x", "expiration": 4102444800}
            ]
            """
        #expect(try await fixture.tool.bulkPut(Array(file.utf8), binding: "KV") == 4)
        #expect(try await server.get("plain") == "text")
        #expect(try await server.get("binary", type: .bytes) == [0, 1, 255])
        #expect(try await server.getWithMetadata("meta").metadata == ["a": 1])
        let listed = try await fixture.tool.list(binding: "KV", prefix: "abs")
        #expect(listed == [["name": "abs", "expiration": 4_102_444_800]])
        let deletions = #"["plain", {"key": "binary"}]"#
        #expect(try await fixture.tool.bulkDelete(Array(deletions.utf8), binding: "KV") == 2)
        #expect(try await server.get(["plain", "binary", "meta"]).values == [nil, nil, "m"])
    }

    @Test func bulkPutChecksEveryEntryBeforeWriting() async throws {
        let fixture = try Fixture()
        let bad = #"[{"key": "a", "value": "1"}, {"key": "b"}]"#
        #expect(
            await errorMessage { _ = try await fixture.tool.bulkPut(Array(bad.utf8), binding: "KV") }?
                .hasPrefix("bulk put: item 1 must be an object") == true)
        #expect(try await fixture.tool.get("a", binding: "KV") == nil)
        #expect(
            await errorMessage { _ = try await fixture.tool.bulkPut(Array(#"{"key":"a"}"#.utf8), binding: "KV") }
                == "the bulk file must hold a JSON array")
    }

    @Test func listReturnsEveryPage() async throws {
        let fixture = try Fixture()
        let entries = (0..<1205).map { #"{"key": "k\#(String(format: "%04d", $0))", "value": ""}"# }
        let file = "[" + entries.joined(separator: ",") + "]"
        #expect(try await fixture.tool.bulkPut(Array(file.utf8), binding: "CACHE") == 1205)
        let keys = try await fixture.tool.list(binding: "CACHE")
        #expect(keys.arrayValue?.count == 1205)
        #expect(keys[1204]?["name"] == "k1204")
        #expect(try await fixture.tool.list(binding: "CACHE", prefix: "k12").arrayValue?.count == 5)
    }

    @Test func prettyPrintedLikeWrangler() {
        let keys: JSONValue = [["name": "a", "metadata": ["x": 1]], ["name": "b"]]
        #expect(
            keys.prettyPrinted == """
                [
                  {
                    "name": "a",
                    "metadata": {
                      "x": 1
                    }
                  },
                  {
                    "name": "b"
                  }
                ]
                """)
        #expect(JSONValue.array([]).prettyPrinted == "[]")
    }

    @Test func commandLineParses() throws {
        let command = try OutpostCommand.parseAsRoot([
            "kv", "key", "put", "k", "v", "--binding", "KV", "--ttl", "60", "--metadata", "{}", "--persist-to",
            "/tmp/s",
        ])
        let put = try #require(command as? KVKeyCommand.Put)
        #expect(put.key == "k" && put.value == "v" && put.target.binding == "KV" && put.ttl == 60)
        #expect(put.options.persistTo == "/tmp/s")
        #expect(throws: (any Error).self) {
            _ = try OutpostCommand.parseAsRoot(["kv", "key", "put", "k", "--binding", "KV"])
        }
        _ = try #require(
            try OutpostCommand.parseAsRoot(["kv", "bulk", "delete", "f.json", "--binding", "KV"])
                as? KVBulkCommand.Delete)
        _ = try #require(try OutpostCommand.parseAsRoot(["kv", "namespace", "list"]) as? KVNamespaceCommand.List)
        let byID = try #require(
            try OutpostCommand.parseAsRoot(["kv", "key", "get", "k", "--namespace-id", "ns1", "--local"])
                as? KVKeyCommand.Get)
        #expect(byID.target.namespaceID == "ns1" && byID.target.local)
        #expect(throws: (any Error).self) { _ = try OutpostCommand.parseAsRoot(["kv", "key", "get", "k"]) }
        #expect(throws: (any Error).self) {
            _ = try OutpostCommand.parseAsRoot(["kv", "key", "get", "k", "--binding", "KV", "--namespace-id", "x"])
        }
    }

    @Test func namespaceIdResolvesToItsBinding() throws {
        let fixture = try Fixture()
        let tool = fixture.tool
        #expect(try tool.stores.entry(namespaceID: "ns1").binding == "KV")
        #expect(try tool.stores.entry(namespaceID: "CACHE").binding == "CACHE")
        #expect(throws: KVConfigError.self) { _ = try tool.stores.entry(namespaceID: "nope") }
    }
}

/// The message of the error `body` throws, or `nil` when it succeeds.
func errorMessage(_ body: () async throws -> Void) async -> String? {
    await ErrorText.of(body)
}
