import Foundation
import Outpost
import OutpostRedis
import OutpostTestSupport
import OutpostTesting
import Testing

/// Redis killed, frozen and restarted under a namespace, with its own server per test.
@Suite("KV on Redis: failures and recovery")
struct KVRedisFailureTests {
    /// A namespace `CACHE` on `server` with short timeouts.
    private func namespace(_ server: RedisTestServer, unix: Bool) -> KVNamespace {
        let storage = RedisKVStorage(
            binding: "CACHE", namespace: "failures", endpoint: unix ? server.unixEndpoint : server.tcpEndpoint,
            options: RedisKVOptions(connectTimeoutMs: 200, commandTimeoutMs: 300, probeIntervalMs: 1000))
        return KVNamespace(storage: storage)
    }

    /// The `KVError` `body` throws (recording an issue when it succeeds or throws something else) and how long it took.
    private func failure(_ body: () async throws -> Void) async -> (error: KVError?, seconds: Double) {
        let start = Date()
        do {
            try await body()
            Issue.record("expected the call to fail")
        } catch let error as KVError {
            return (error, Date().timeIntervalSince(start))
        } catch {
            Issue.record("expected a KVError, got \(error)")
        }
        return (nil, Date().timeIntervalSince(start))
    }

    /// Runs on a thread that may block, as a request on an accept thread does: the storage calls are
    /// inline, so the times measured are the calls' own, not the wait for a busy cooperative pool.
    @Test(arguments: [false, true])
    func killedThenFrozenThenBack(unix: Bool) async throws {
        try await withTaskExecutorPreference(StorageExecutor(name: "accept-like", threads: 1)) {
            try await killedThenFrozenThenBackInline(unix: unix)
        }
    }

    private func killedThenFrozenThenBackInline(unix: Bool) async throws {
        let server = try RedisTestServer()
        let kv = namespace(server, unix: unix)
        try await kv.put("k", "v1")
        #expect(try await kv.get("k") == "v1")

        server.kill()
        let down = await failure { _ = try await kv.get("k") }
        #expect(down.error?.message == "KV GET failed: 500 Internal Server Error")
        #expect(down.error?.underlying?.contains("KV binding \"CACHE\"") == true)
        #expect(down.error?.underlying?.contains("Redis unavailable") == true)
        #expect(down.seconds < 5, "a refused connection must not hang")
        let open = await failure { try await kv.put("k", "v2") }
        #expect(open.error?.message == "KV PUT failed: 500 Internal Server Error")
        #expect(open.error?.underlying?.contains("circuit breaker open") == true)

        try server.restart()
        try await eventually { try await kv.put("k", "v3") }
        #expect(try await kv.get("k") == "v3")

        server.pause()
        let frozen = await failure { _ = try await kv.list() }
        server.resume()
        #expect(frozen.error?.message == "KV GET failed: 500 Internal Server Error")
        #expect(frozen.error?.underlying?.contains("timeout") == true)
        #expect(frozen.seconds < 5, "a hung server must fail after the command timeout")
        try await eventually { _ = try await kv.get("k") }
        #expect(try await kv.list().keys.map(\.name) == ["k"])
    }

    @Test func serverErrorsAreNotOutages() async throws {
        let server = try RedisTestServer()
        let kv = namespace(server, unix: true)
        _ = try server.cli(["SET", "outpost:kv:{failures}:e:wrong", "a plain string"])
        let wrong = await failure { _ = try await kv.get("wrong") }
        #expect(wrong.error?.underlying?.contains("Redis error: WRONGTYPE") == true)
        try await kv.put("fine", "yes")
        #expect(try await kv.get("fine") == "yes")
    }

    /// Retries `body` every 100 ms for up to 5 s (the breaker's probe lets one call through per second).
    private func eventually(_ body: () async throws -> Void) async throws {
        let deadline = Date().addingTimeInterval(5)
        while true {
            do {
                return try await body()
            } catch {
                if Date() > deadline { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}

/// One Redis namespace seen through two stores (two hosts) and the server clock (concurrency: `KVConcurrencyTests`).
@Suite("KV on Redis: sharing and concurrency")
struct KVRedisSharingTests {
    private func storage(_ namespace: String, clock: RedisKVOptions.Clock = .caller) -> RedisKVStorage {
        RedisKVStorage(
            binding: "KV", namespace: namespace, endpoint: RedisTestServer.shared.unixEndpoint,
            options: RedisKVOptions(connectTimeoutMs: 2_000, commandTimeoutMs: 20_000, clock: clock))
    }

    @Test func twoStoresShareOneNamespace() async throws {
        let name = "shared-\(UUID().uuidString)"
        let first = KVNamespace(storage: storage(name))
        let second = KVNamespace(storage: storage(name))
        try await first.put("user:1", "alice", metadata: ["role": "admin"])
        #expect(try await second.get("user:1") == "alice")
        #expect(try await second.list(prefix: "user:").keys.map(\.name) == ["user:1"])
        try await second.delete("user:1")
        #expect(try await first.get("user:1") == nil)
        let other = KVNamespace(storage: storage("other-\(UUID().uuidString)"))
        #expect(try await other.list().keys.isEmpty)
    }

    @Test func serverClockKeepsLifetimesWhenTheHostClockIsOff() async throws {
        let name = "clock-\(UUID().uuidString)"
        let hourBehind = KVClock { KVClock.system.now() - 3_600_000 }
        let kv = KVNamespace(storage: storage(name, clock: .server), clock: hourBehind)
        let before = try serverSeconds()
        try await kv.put("k", "v", expirationTtl: 120)
        #expect(try await kv.get("k") == "v")
        let pttl = Int(try RedisTestServer.shared.cli(["PTTL", "outpost:kv:{\(name)}:e:k"])) ?? -1
        #expect((60_000...120_000).contains(pttl), "Redis expires it 120 s from its own now, not an hour ago")
        let expiration = try #require(try await kv.list().keys.first?.expiration)
        let after = try serverSeconds()
        #expect((before + 119...after + 120).contains(expiration), "listed in Redis's clock")
    }

    private func serverSeconds() throws -> Int {
        Int(try RedisTestServer.shared.cli(["TIME"]).split(separator: "\n")[0]) ?? 0
    }
}
