import Foundation
import Outpost
import OutpostConfig
import OutpostTestSupport
import Testing

struct JSONCConfigTests {
    static let jsonc = """
        // wrangler.jsonc: comments and trailing commas, as `wrangler init` writes it
        {
          "name": "shop", /* inline block comment */
          "compatibility_date": "2025-05-01",
          "vars": { "API_HOST": "example.com", "FEATURES": { "beta": true, }, },
          "kv_namespaces": [ { "binding": "CACHE", "id": "cache-ns", }, ],
          "d1_databases": [ { "binding": "DB", "database_name": "shop-db", }, ],
          "triggers": { "crons": ["*/5 * * * *"], },
          "routes": [ "shop.example.com/*", { "pattern": "api.example.com", "custom_domain": true, }, ],
          "assets": { "directory": "./public", "binding": "ASSETS", "not_found_handling": "404-page", },
          "env": {
            "staging": {
              "vars": { "API_HOST": "staging.example.com" },
              "kv_namespaces": [ { "binding": "CACHE", "id": "staging-ns" } ],
            },
          },
          "outpost": { "threads": 4, },
        }
        """

    static let toml = """
        name = "shop"
        compatibility_date = "2025-05-01"
        routes = ["shop.example.com/*", { pattern = "api.example.com", custom_domain = true }]
        [vars]
        API_HOST = "example.com"
        FEATURES = { beta = true }
        [[kv_namespaces]]
        binding = "CACHE"
        id = "cache-ns"
        [[d1_databases]]
        binding = "DB"
        database_name = "shop-db"
        [triggers]
        crons = ["*/5 * * * *"]
        [assets]
        directory = "./public"
        binding = "ASSETS"
        not_found_handling = "404-page"
        [env.staging]
        vars = { API_HOST = "staging.example.com" }
        kv_namespaces = [{ binding = "CACHE", id = "staging-ns" }]
        [outpost]
        threads = 4
        """

    @Test func jsoncAndTOMLGiveTheSameConfig() throws {
        for environment in [nil, "staging"] {
            let json = try loadConfig(Self.jsonc, environment: environment, name: "wrangler.jsonc")
            let toml = try loadConfig(Self.toml, environment: environment, name: "wrangler.toml")
            #expect(json.name == toml.name)
            #expect(json.vars == toml.vars)
            #expect(json.kvNamespaces.map(\.id) == toml.kvNamespaces.map(\.id))
            #expect(json.d1Databases.map(\.databaseName) == toml.d1Databases.map(\.databaseName))
            #expect(json.crons.map(\.expression) == toml.crons.map(\.expression))
            #expect(json.routes == toml.routes)
            #expect(json.customDomains == ["api.example.com"] && toml.customDomains == json.customDomains)
            #expect(json.assets?.notFoundHandling == .notFoundPage)
            #expect(json.assets?.binding == toml.assets?.binding)
            #expect(json.outpost.threads == 4 && toml.outpost.threads == 4)
            #expect(json.warnings.map(\.message) == toml.warnings.map(\.message))
        }
        let staging = try loadConfig(Self.jsonc, environment: "staging", name: "wrangler.jsonc")
        #expect(staging.name == "shop-staging")
        #expect(staging.vars["API_HOST"] == .string("staging.example.com"))
        #expect(staging.d1Databases.isEmpty)
        #expect(staging.assets != nil, "assets is inheritable")
        #expect(
            staging.warnings.contains { $0.message.contains("binding \"DB\" is declared in top-level d1_databases") })
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        let cases: [(String, String)] = [
            ("{\n  \"name\": \"x\"\n  \"main\": \"y\"\n}", "wrangler.jsonc:3:3: expected `,` or `}`"),
            ("{\n  \"name\": 'x'\n}", "wrangler.jsonc:2:11: strings must use double quotes"),
            ("{\n  \"a\": 1,\n  \"a\": 2\n}", "wrangler.jsonc:3:3: duplicate key \"a\" (first set on line 2)"),
            ("{ \"name\": \"x\" /* open", "wrangler.jsonc:1:15: unterminated comment `/*`"),
            ("{ \"name\": \"x\n\" }", "wrangler.jsonc:1:13: control character in a string"),
            ("{ \"n\": 01 }", "wrangler.jsonc:1:8: invalid number `01`"),
            ("[1]", "wrangler.jsonc:1:1: expected `{`"),
            ("{ \"n\": 1 } x", "wrangler.jsonc:1:12: unexpected text after the closing `}`"),
        ]
        for (source, expected) in cases {
            let message = loadError(source, name: "wrangler.jsonc") ?? "loaded"
            #expect(message.hasPrefix("error: " + expected), "\(source.debugDescription) → \(message)")
        }
    }

    @Test func schemaErrorsAndWarningsCarryColumnAndKeyPath() throws {
        let source = """
            {
              "name": "x",
              "outpost": { "threads": "many" }
            }
            """
        #expect(
            loadError(source, name: "wrangler.json")
                == "error: wrangler.json:3:16: outpost.threads: expected an integer from 1 to 1024, found \"many\"")
        let config = try loadConfig("{\n  \"nmae\": \"x\",\n}", name: "wrangler.jsonc")
        #expect(
            config.warnings.map(\.description) == [
                "wrangler.jsonc:2:3: nmae: unknown key, ignored (did you mean `name`?)"
            ])
        #expect(throws: ConfigError.self) { try loadConfig("{ \"routes\": [null] }", name: "wrangler.json") }
        #expect(try loadConfig("{ \"name\": null }", name: "wrangler.json").name == nil)
    }

    @Test func lookupOrderIsWranglers() throws {
        let directory = try TemporaryDirectory()
        try directory.write("wrangler-like.toml", "name = \"like\"")
        try directory.write("wrangler.toml", "name = \"toml\"")
        try directory.write("wrangler.jsonc", "{ \"name\": \"jsonc\" }")
        try directory.write("wrangler.json", "{ \"name\": \"json\" }")
        let load = { try ConfigLoader.load(explicitPath: nil, environment: nil, workingDirectory: directory.path) }
        for (remove, expected) in [
            (nil, "json"), ("wrangler.json", "jsonc"), ("wrangler.jsonc", "toml"), ("wrangler.toml", "like"),
        ] {
            if let remove { try FileManager.default.removeItem(atPath: directory.path + "/" + remove) }
            #expect(try load().name == expected)
        }
        try directory.write("wrangler.json", "{ \"name\": \"json\" }")
        let explicit = try ConfigLoader.load(
            explicitPath: "wrangler-like.toml", environment: nil, workingDirectory: directory.path)
        #expect(explicit.name == "like", "--config wins over the lookup")
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = "{ \"a\": " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + " }"
        #expect(loadError(deep, name: "wrangler.json")?.contains("nested more than 128 levels deep") == true)
    }
}
