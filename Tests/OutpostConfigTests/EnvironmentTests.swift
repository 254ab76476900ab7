import OutpostConfig
import Testing

@Suite("[env.NAME] resolution")
struct EnvironmentTests {
    static let toml = """
        name = "kyx"
        main = "src/index.ts"
        compatibility_date = "2025-05-01"
        compatibility_flags = ["nodejs_compat"]
        route = "kyx.example.com/*"

        [vars]
        API_HOST = "example.com"
        MODE = "prod"

        [[kv_namespaces]]
        binding = "CACHE"
        id = "prod-cache"

        [[kv_namespaces]]
        binding = "SESSIONS"

        [[d1_databases]]
        binding = "DB"
        database_name = "prod-db"

        [triggers]
        crons = ["*/5 * * * *"]

        [outpost]
        threads = 16
        colo = "FRA"
        state_dir = "state/prod"

        [env.staging]
        vars = { API_HOST = "staging.example.com" }
        kv_namespaces = [{ binding = "CACHE", id = "staging-cache" }]
        d1_databases = [{ binding = "DB", database_name = "staging-db" }]
        routes = ["staging.example.com/*"]

        [env.staging.triggers]
        crons = ["0 * * * *"]

        [env.staging.outpost]
        threads = 2
        listen = ":9001"

        [env.dev]
        name = "kyx-local"
        compatibility_date = "2025-06-01"
        """

    @Test func withoutAnEnvironmentTheTopLevelApplies() throws {
        let config = try loadConfig(Self.toml)
        #expect(config.environment == nil)
        #expect(config.name == "kyx")
        #expect(config.vars.count == 2)
        #expect(config.kvNamespaces.map(\.binding) == ["CACHE", "SESSIONS"])
        #expect(config.routes == ["kyx.example.com/*"])
        #expect(config.outpost.threads == 16)
        #expect(config.warnings.isEmpty)
    }

    @Test func inheritableKeysComeFromTheTopLevelUnlessOverridden() throws {
        let config = try loadConfig(Self.toml, environment: "staging")
        #expect(config.environment == "staging")
        #expect(config.name == "kyx-staging")
        #expect(config.main == "src/index.ts")
        #expect(config.compatibilityDate == "2025-05-01")
        #expect(config.compatibilityFlags == ["nodejs_compat"])
        #expect(config.routes == ["staging.example.com/*"])
        #expect(config.crons == [CronTriggerConfig(expression: "0 * * * *", line: 37)])
    }

    @Test func bindingsComeOnlyFromTheEnvironment() throws {
        let config = try loadConfig(Self.toml, environment: "staging")
        #expect(config.vars == ["API_HOST": .string("staging.example.com")])
        #expect(config.kvNamespaces.map(\.binding) == ["CACHE"])
        #expect(config.kvNamespaces.first?.id == "staging-cache")
        #expect(config.kvNamespaces.first?.line == 32)
        #expect(config.d1Databases.map(\.localName) == ["staging-db"])
    }

    @Test func outpostIsInheritedKeyByKey() throws {
        let config = try loadConfig(Self.toml, environment: "staging")
        #expect(config.outpost.threads == 2)
        #expect(config.outpost.listen == .tcp(host: "127.0.0.1", port: 9001))
        #expect(config.outpost.colo == "FRA")
        #expect(config.outpost.stateDir == config.directory + "/state/prod")
    }

    @Test func topLevelBindingsMissingInTheEnvironmentWarn() throws {
        let config = try loadConfig(Self.toml, environment: "staging")
        let messages = config.warnings.map(\.description)
        #expect(
            messages == [
                "wrangler-like.toml:30: env.staging.vars: binding \"MODE\" is declared in top-level vars but not in "
                    + "[env.staging]; vars are not inherited by environments, so env.MODE will be missing. "
                    + "Add it to [env.staging] if the environment needs it",
                "wrangler-like.toml:30: env.staging.kv_namespaces: binding \"SESSIONS\" is declared in top-level "
                    + "kv_namespaces but not in [env.staging]; kv_namespaces are not inherited by environments, so "
                    + "env.SESSIONS will be missing. Add it to [env.staging] if the environment needs it",
            ])
    }

    @Test func anEnvironmentWithItsOwnNameKeepsIt() throws {
        let config = try loadConfig(Self.toml, environment: "dev")
        #expect(config.name == "kyx-local")
        #expect(config.compatibilityDate == "2025-06-01")
        #expect(config.routes == ["kyx.example.com/*"])
        #expect(config.crons.map(\.expression) == ["*/5 * * * *"])
        #expect(config.vars.isEmpty)
        #expect(config.kvNamespaces.isEmpty)
        #expect(config.d1Databases.isEmpty)
        #expect(config.outpost.threads == 16)
        #expect(config.warnings.count == 5)
        #expect(config.warnings.allSatisfy { $0.line == 43 && $0.keyPath.hasPrefix("env.dev.") })
    }

    @Test func unknownEnvironmentListsTheDefinedOnes() {
        #expect(
            loadError(Self.toml, environment: "prod")
                == "error: wrangler-like.toml: env: no environment named \"prod\"; environments defined: staging, dev")
        #expect(
            loadError("name = \"w\"", environment: "prod")
                == "error: wrangler-like.toml: env: no environment named \"prod\"; the config defines no [env.*] sections"
        )
    }

    @Test func unknownKeysInAnEnvironmentWarnWithTheEnvironmentPath() throws {
        let toml =
            "name = \"w\"\n[env.qa]\nvar = { A = \"1\" }\n[[env.qa.kv_namespaces]]\nbinding = \"K\"\nbnding = 1\n"
        let config = try loadConfig(toml, environment: "qa")
        #expect(
            config.warnings.map(\.description) == [
                "wrangler-like.toml:3: env.qa.var: unknown key, ignored (did you mean `vars`?)",
                "wrangler-like.toml:6: env.qa.kv_namespaces[0].bnding: unknown key, ignored (did you mean `binding`?)",
            ])
    }

    @Test func anEnvironmentWithoutAHeaderOfItsOwn() throws {
        let config = try loadConfig("name = \"w\"\n[env.ci.vars]\nCI = true\n", environment: "ci")
        #expect(config.name == "w-ci")
        #expect(config.vars == ["CI": .bool(true)])
    }

    @Test func anEnvironmentRouteReplacesTopLevelRoutes() throws {
        let toml = "routes = [\"a/*\", \"b/*\"]\n[env.x]\nroute = \"x/*\"\n"
        #expect(try loadConfig(toml, environment: "x").routes == ["x/*"])
    }
}
