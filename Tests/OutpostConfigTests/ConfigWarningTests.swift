import OutpostConfig
import Testing

@Suite("Config warnings: unknown and unsupported keys")
struct ConfigWarningTests {
    @Test func unknownKeysWarnWithFileLineAndKeyPath() throws {
        let toml = """
            name = "w"
            mian = "src/index.ts"

            [[kv_namespaces]]
            binding = "CACHE"
            bindng = "oops"

            [[d1_databases]]
            binding = "DB"
            database = "x"

            [triggers]
            cron = ["* * * * *"]

            [assets]
            directory = "public"
            dir = "x"

            [outpost]
            thread = 4
            frobnicate = true
            """
        let config = try loadConfig(toml)
        #expect(
            config.warnings.map(\.description) == [
                "wrangler-like.toml:2: mian: unknown key, ignored (did you mean `main`?)",
                "wrangler-like.toml:6: kv_namespaces[0].bindng: unknown key, ignored (did you mean `binding`?)",
                "wrangler-like.toml:10: d1_databases[0].database: unknown key, ignored",
                "wrangler-like.toml:13: triggers.cron: unknown key, ignored (did you mean `crons`?)",
                "wrangler-like.toml:17: assets.dir: unknown key, ignored",
                "wrangler-like.toml:20: outpost.thread: unknown key, ignored (did you mean `threads`?)",
                "wrangler-like.toml:21: outpost.frobnicate: unknown key, ignored",
            ])
        #expect(config.kvNamespaces.map(\.binding) == ["CACHE"])
        #expect(config.name == "w")
    }

    @Test func unsupportedBindingsWarnAndDeployKeysAreSilent() throws {
        let toml = """
            name = "w"
            [build]
            command = "make"
            [observability]
            enabled = true
            [placement]
            mode = "smart"
            [limits]
            cpu_ms = 50
            minify = true
            tsconfig = "tsconfig.json"
            rules = [{ type = "Text", globs = ["**/*.txt"] }]
            [[r2_buckets]]
            binding = "BUCKET"
            bucket_name = "b"
            [[durable_objects.bindings]]
            name = "COUNTER"
            class_name = "Counter"
            [[queues.producers]]
            binding = "Q"
            queue = "q"
            [ai]
            binding = "AI"
            """
        let config = try loadConfig(toml)
        #expect(
            config.warnings.map(\.description) == [
                "wrangler-like.toml:13: r2_buckets: not supported by Outpost, ignored (the binding will be missing)",
                "wrangler-like.toml:16: durable_objects: not supported by Outpost, ignored (the binding will be missing)",
                "wrangler-like.toml:19: queues: not supported by Outpost, ignored (the binding will be missing)",
                "wrangler-like.toml:22: ai: not supported by Outpost, ignored (the binding will be missing)",
            ])
    }

    @Test func urlWithoutRedisIsIgnoredWithAWarning() throws {
        let config = try loadConfig("[[kv_namespaces]]\nbinding = \"A\"\nurl = \"redis://x\"\n")
        #expect(
            config.warnings.map(\.description) == [
                "wrangler-like.toml:3: kv_namespaces[0].url: `url` is only used with backend = \"redis\", ignored"
            ])
        #expect(config.kvNamespaces.first?.backend == "sqlite")
    }

    @Test func unknownKeysInsideRouteTables() throws {
        let config = try loadConfig("routes = [{ pattern = \"a/*\", zone = \"x\" }]")
        #expect(config.routes == ["a/*"])
        #expect(
            config.warnings.map(\.description) == [
                "wrangler-like.toml:1: routes[0].zone: unknown key, ignored"
            ])
    }
}
