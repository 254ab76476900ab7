import OutpostConfig
import OutpostTestSupport
import Testing

@Suite("Redis KV config")
struct RedisKVConfigTests {
    private func load(_ entry: String, environment: [String: String] = [:], devVars: String? = nil) throws
        -> WorkerConfig
    {
        let directory = try TemporaryDirectory()
        try directory.write("wrangler-like.toml", "[[kv_namespaces]]\nbinding = \"CACHE\"\nid = \"kyx\"\n" + entry)
        if let devVars { try directory.write(".dev.vars", devVars) }
        return try ConfigLoader.load(
            explicitPath: nil, environment: nil, workingDirectory: directory.path, processEnvironment: environment)
    }

    private func error(_ entry: String) -> String? {
        do {
            _ = try load(entry)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func tcpURLWithPasswordFromTheEnvironment() throws {
        let config = try load(
            "backend = \"redis\"\nurl = \"redis://:${REDIS_PASSWORD}@10.0.0.5:6380/2\"\ncommand_timeout_ms = 250",
            environment: ["REDIS_PASSWORD": "s3cr%40t"])
        let redis = try #require(config.kvNamespaces.first?.redis)
        #expect(redis.address == .tcp(host: "10.0.0.5", port: 6380))
        #expect(redis.password == "s3cr@t")
        #expect(redis.database == 2)
        #expect(redis.commandTimeoutMs == 250 && redis.connectTimeoutMs == 200)
        #expect(redis.description == "redis://:***@10.0.0.5:6380/2")
    }

    @Test func passwordFromDevVarsAndUnixSocket() throws {
        let config = try load(
            "backend = \"redis\"\nurl = \"unix://:${PW}@/run/redis/redis.sock?db=1\"", devVars: "PW=hunter2\n")
        let redis = try #require(config.kvNamespaces.first?.redis)
        #expect(redis.address == .unix(path: "/run/redis/redis.sock"))
        #expect(redis.password == "hunter2" && redis.database == 1)
        #expect(!redis.description.contains("hunter2"))
    }

    @Test func defaultsPortAndDatabase() throws {
        let redis = try #require(
            try load("backend = \"redis\"\nurl = \"redis://cache.internal\"").kvNamespaces[0].redis)
        #expect(redis.address == .tcp(host: "cache.internal", port: 6379))
        #expect(redis.database == 0 && redis.password == nil)
    }

    @Test(arguments: [
        (
            "backend = \"redis\"\nurl = \"rediss://10.0.0.5:6379/0\"",
            "error: wrangler-like.toml:5: kv_namespaces[0].url: rediss:// (TLS) is not supported yet"
        ),
        (
            "backend = \"redis\"\nurl = \"redis://:${NOPE}@h:1/0\"",
            "error: wrangler-like.toml:5: kv_namespaces[0].url: url uses ${NOPE}, which is set neither in the process environment nor in .dev.vars"
        ),
        (
            "backend = \"redis\"\nurl = \"redis://h:99999/0\"",
            "error: wrangler-like.toml:5: kv_namespaces[0].url: the url's port must be an integer from 1 to 65535"
        ),
        (
            "backend = \"redis\"\nurl = \"redis://h:6379/x\"",
            "error: wrangler-like.toml:5: kv_namespaces[0].url: the url's database number must be an integer"
        ),
        (
            "backend = \"redis\"\nurl = \"unix://relative.sock\"",
            "error: wrangler-like.toml:5: kv_namespaces[0].url: a unix:// url needs an absolute socket path"
        ),
        (
            "backend = \"redis\"\nurl = \"redis://h/0\"\nconnect_timeout_ms = 0",
            "error: wrangler-like.toml:6: kv_namespaces[0].connect_timeout_ms: expected an integer from 1 to 60000"
        ),
        (
            "backend = \"redis\"",
            "error: wrangler-like.toml:1: kv_namespaces[0]: backend \"redis\" needs a `url`"
        ),
    ])
    func badValuesFailAtLoadWithTheirPlace(entry: String, expected: String) {
        let message = error(entry)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
    }

    @Test func passwordsNeverAppearInErrors() {
        let message = error("backend = \"redis\"\nurl = \"redis://:topsecret@h:notaport/0\"")
        #expect(message != nil)
        #expect(message?.contains("topsecret") == false)
    }
}
