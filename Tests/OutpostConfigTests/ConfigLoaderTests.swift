import OutpostConfig
import OutpostTestSupport
import Testing

@Suite("Config loader: a full config, lookup and paths")
struct ConfigLoaderTests {
    static let fullConfig = """
        name = "kyx-checkin"
        main = "src/index.ts"
        compatibility_date = "2025-05-01"
        compatibility_flags = ["nodejs_compat"]
        account_id = "abc123"
        workers_dev = false
        routes = ["checkin.example.com/*", { pattern = "api.example.com/*", zone_name = "example.com" }]

        [vars]
        API_HOST = "example.com"
        FEATURES = { beta = true, ratio = 0.5 }
        LIMIT = 10
        LAUNCH = 2025-01-01
        TAGS = ["a", "b"]

        [[kv_namespaces]]
        binding = "CACHE"
        id = "cache-ns"
        preview_id = "cache-preview"

        [[kv_namespaces]]
        binding = "SESSIONS"
        backend = "redis"
        url = "redis://127.0.0.1:6379/0"

        [[d1_databases]]
        binding = "DB"
        database_name = "kyx"
        database_id = "uuid-1"
        preview_database_id = "uuid-2"
        migrations_dir = "db/migrations"
        migrations_table = "schema_migrations"
        migrations_pattern = "*.sql"

        [[d1_databases]]
        binding = "LOGS"

        [triggers]
        crons = [
          "*/5 * * * *",
          "0 0 * * *",
        ]

        [assets]
        directory = "./public"
        binding = "ASSETS"

        [build]
        command = "npm run build"

        [outpost]
        listen = "127.0.0.1:9000"
        socket_mode = "0640"
        socket_group = "www-data"
        backlog = 1024
        threads = 16
        kept_connections = 64
        max_body_bytes = 1_048_576
        request_timeout_ms = 5000
        shutdown_timeout_ms = 10000
        slowlog_ms = 250
        state_dir = "var/state"
        status_path = "/_status"
        colo = "FRA"
        crons = false
        dev_port = 8788
        """

    @Test func fullConfig() throws {
        let directory = try TemporaryDirectory()
        try directory.write("wrangler-like.toml", Self.fullConfig)
        let config = try ConfigLoader.load(explicitPath: nil, environment: nil, workingDirectory: directory.path)
        let dir = config.directory
        #expect(config.file == "wrangler-like.toml")
        #expect(dir.hasSuffix(directory.path.split(separator: "/").last.map(String.init) ?? "?"))
        #expect(config.warnings.isEmpty, "\(config.warnings)")
        #expect(config.name == "kyx-checkin")
        #expect(config.main == "src/index.ts")
        #expect(config.compatibilityDate == "2025-05-01")
        #expect(config.compatibilityFlags == ["nodejs_compat"])
        #expect(config.accountID == "abc123")
        #expect(config.workersDev == false)
        #expect(config.routes == ["checkin.example.com/*", "api.example.com/*"])
        #expect(config.vars["API_HOST"] == .string("example.com"))
        #expect(config.vars["FEATURES"] == .object(["beta": .bool(true), "ratio": .number(0.5)]))
        #expect(config.vars["LIMIT"] == .number(10))
        #expect(config.vars["LAUNCH"] == .string("2025-01-01"))
        #expect(config.vars["TAGS"] == .array(["a", "b"]))

        var cache = KVNamespaceConfig(binding: "CACHE", id: "cache-ns", previewID: "cache-preview")
        cache.line = 16
        var sessions = KVNamespaceConfig(binding: "SESSIONS")
        sessions.backend = "redis"
        sessions.url = "redis://127.0.0.1:6379/0"
        sessions.redis = RedisKVConfig(address: .tcp(host: "127.0.0.1", port: 6379), rawURL: "redis://127.0.0.1:6379/0")
        sessions.line = 21
        #expect(config.kvNamespaces == [cache, sessions])

        var db = D1DatabaseConfig(binding: "DB", databaseName: "kyx", migrationsDir: dir + "/db/migrations")
        db.databaseID = "uuid-1"
        db.previewDatabaseID = "uuid-2"
        db.migrationsTable = "schema_migrations"
        db.configuredMigrationsDir = "db/migrations"
        db.migrationsPattern = "*.sql"
        db.line = 26
        var logs = D1DatabaseConfig(binding: "LOGS", migrationsDir: dir + "/migrations")
        logs.line = 35
        #expect(config.d1Databases == [db, logs])

        #expect(
            config.crons == [
                CronTriggerConfig(expression: "*/5 * * * *", line: 40),
                CronTriggerConfig(expression: "0 0 * * *", line: 41),
            ])
        #expect(config.assets == AssetsConfig(directory: dir + "/public", binding: "ASSETS"))

        var outpost = OutpostSettings()
        outpost.listen = .tcp(host: "127.0.0.1", port: 9000)
        outpost.socketMode = 0o640
        outpost.socketGroup = "www-data"
        outpost.backlog = 1024
        outpost.threads = 16
        outpost.keptConnections = 64
        outpost.maxBodyBytes = 1_048_576
        outpost.requestTimeoutMs = 5000
        outpost.shutdownTimeoutMs = 10000
        outpost.slowlogMs = 250
        outpost.stateDir = dir + "/var/state"
        outpost.statusPath = "/_status"
        outpost.colo = "FRA"
        outpost.crons = false
        outpost.devPort = 8788
        #expect(config.outpost == outpost)
        #expect(config.secrets.isEmpty)
    }

    @Test func defaults() throws {
        let directory = try TemporaryDirectory()
        try directory.write("wrangler.toml", "name = \"w\"\n[[d1_databases]]\nbinding = \"DB\"\n")
        let config = try ConfigLoader.load(explicitPath: nil, environment: nil, workingDirectory: directory.path)
        let dir = config.directory
        #expect(config.outpost.stateDir == dir + "/.outpost/state")
        #expect(config.outpost.listen == .unix(path: dir + "/.outpost/state/outpost.sock"))
        #expect(config.outpost.threads == 8)
        #expect(config.outpost.keptConnections == 256)
        #expect(config.outpost.socketMode == 0o660)
        #expect(config.d1Databases.first?.migrationsDir == dir + "/migrations")
        #expect(config.d1Databases.first?.migrationsTable == "d1_migrations")
        #expect(config.environment == nil)
        #expect(config.assets == nil)
    }

    @Test func listenDefaultFollowsStateDirAndRelativeSocketsResolve() throws {
        let directory = try TemporaryDirectory()
        try directory.write("wrangler.toml", "[outpost]\nstate_dir = \"/srv/outpost\"\n")
        let config = try ConfigLoader.load(explicitPath: nil, environment: nil, workingDirectory: directory.path)
        #expect(config.outpost.listen == .unix(path: "/srv/outpost/outpost.sock"))

        try directory.write("wrangler.toml", "[outpost]\nlisten = \"unix:run/w.sock\"\nsocket_mode = 0o600\n")
        let relative = try ConfigLoader.load(explicitPath: nil, environment: nil, workingDirectory: directory.path)
        #expect(relative.outpost.listen == .unix(path: relative.directory + "/run/w.sock"))
        #expect(relative.outpost.socketMode == 0o600)
    }

    @Test func wranglerTomlIsFoundBeforeWranglerLikeToml() throws {
        let directory = try TemporaryDirectory()
        try directory.write("wrangler-like.toml", "name = \"like\"")
        let like = try ConfigLoader.load(explicitPath: nil, environment: nil, workingDirectory: directory.path)
        #expect(like.name == "like")
        #expect(like.file == "wrangler-like.toml")

        try directory.write("wrangler.toml", "name = \"wrangler\"")
        let wrangler = try ConfigLoader.load(explicitPath: nil, environment: nil, workingDirectory: directory.path)
        #expect(wrangler.name == "wrangler")
        #expect(wrangler.file == "wrangler.toml")
    }

    @Test func explicitPathIsRelativeToTheWorkingDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write("wrangler.toml", "name = \"default\"")
        try directory.write("deploy/prod.toml", "name = \"explicit\"\n[[d1_databases]]\nbinding = \"DB\"\n")
        try directory.write("deploy/.dev.vars", "TOKEN=t")
        let config = try ConfigLoader.load(
            explicitPath: "deploy/prod.toml", environment: nil, workingDirectory: directory.path)
        #expect(config.name == "explicit")
        #expect(config.file == "deploy/prod.toml")
        #expect(config.directory.hasSuffix("/deploy"))
        #expect(config.d1Databases.first?.migrationsDir == config.directory + "/migrations")
        #expect(config.secrets == ["TOKEN": "t"])
        #expect(config.secretsFiles == ["deploy/.dev.vars"])

        let absolute = try ConfigLoader.load(
            explicitPath: directory.path + "/deploy/prod.toml", environment: nil, workingDirectory: "/")
        #expect(absolute.name == "explicit")
    }

    @Test func missingFiles() throws {
        let directory = try TemporaryDirectory()
        var noFile = ConfigError(
            file: directory.path, line: 0, keyPath: "",
            message:
                "no config file found: looked for wrangler.json, wrangler.jsonc, wrangler.toml, wrangler-like.toml in this directory"
        )
        noFile.isNoConfigFile = true
        #expect(throws: noFile) {
            try ConfigLoader.load(explicitPath: nil, environment: nil, workingDirectory: directory.path)
        }
        #expect(
            throws: ConfigError(
                file: "nope.toml", line: 0, keyPath: "",
                message: "config file not found (\(directory.path)/nope.toml)")
        ) {
            try ConfigLoader.load(explicitPath: "nope.toml", environment: nil, workingDirectory: directory.path)
        }
    }

    @Test func syntaxErrorsNameTheFileAndLine() throws {
        let directory = try TemporaryDirectory()
        try directory.write("wrangler.toml", "name = \"w\"\n\n[vars]\nA = 1\nA = 2\n")
        let error = #expect(throws: ConfigError.self) {
            try ConfigLoader.load(explicitPath: nil, environment: nil, workingDirectory: directory.path)
        }
        #expect(error?.description == "error: wrangler.toml:5: duplicate key `vars.A` (first set on line 4)")
    }
}
