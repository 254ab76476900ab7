import Foundation
import OutpostRuntime
import OutpostTestSupport
import OutpostTesting
import Testing

/// `nginx-site`: the generated production site passes `nginx -t` and serves two workers through one
/// nginx by their routes; `check` reads a JSONC config as it reads the equivalent TOML.
@Suite(.serialized)
struct NginxSiteTests {
    static let hello = OutpostStack.productsDirectory + "/hello"

    /// Runs `hello` with `arguments` in `directory` and returns (exit code, stdout, stderr).
    static func run(_ arguments: [String], in directory: String) throws -> (Int32?, String, String) {
        let process = try TestProcess(
            executable: hello, arguments: arguments, directory: directory, name: "cli-\(UUID().uuidString.prefix(6))")
        let code = process.waitForExit(seconds: 60)
        return (code, process.stdout, process.stderr)
    }

    static func write(_ files: [String: String], in directory: String) throws {
        for (name, text) in files {
            let url = URL(fileURLWithPath: directory + "/" + name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// A main nginx.conf under `prefix` that includes `site` in its http block, as Debian's does.
    static func mainConfig(prefix: String, site: String) throws -> String {
        let path = prefix + "/nginx.conf"
        try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true)
        let text = NginxSite.devConfig(prefix: prefix, site: "include \(site);")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func twoWorkersWithRoutesShareOneNginx() throws {
        let directory = try TestDirectory.make(prefix: "outpost-site")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.write(
            [
                "shop/wrangler.jsonc": """
                {
                  "name": "shop",
                  "compatibility_date": "2025-05-01",
                  // the shop answers the whole host, its assets from nginx
                  "routes": ["shop.example.com/*", { "pattern": "shop.example.org", "custom_domain": true }],
                  "assets": { "directory": "public", },
                  "outpost": { "listen": "unix:\(directory)/shop.sock", "status_path": "/__status", },
                }
                """,
                "shop/public/index.html": "shop home",
                "shop/public/about.html": "shop about",
                "api/wrangler.toml": """
                name = "api"
                routes = ["*.example.com/api/*"]
                [outpost]
                listen = "unix:\(directory)/api.sock"
                """,
            ], in: directory)
        let port = try FreePort.find()
        let sitePath = directory + "/site.conf"
        let (code, _, stderr) = try Self.run(
            [
                "nginx-site", "--config", "shop/wrangler.jsonc", "--with", "api/wrangler.toml",
                "--listen", "127.0.0.1:\(port)", "--out", sitePath,
            ], in: directory)
        #expect(code == 0, "\(stderr)")
        let site = try String(contentsOfFile: sitePath, encoding: .utf8)
        #expect(site.contains("server_name shop.example.com;"))
        #expect(site.contains("server_name *.example.com;"))
        #expect(site.contains("server_name shop.example.org;"))
        #expect(site.contains("# listen 443 ssl;"))
        #expect(site.contains("allow 127.0.0.1;") && site.contains("deny all;"))

        let nginx = try #require(NginxExecutable.find())
        let prefix = directory + "/nginx"
        let conf = try Self.mainConfig(prefix: prefix, site: sitePath)
        let test = try TestProcess(
            executable: nginx, arguments: ["-t", "-p", prefix, "-c", conf, "-e", "stderr"], directory: directory,
            name: "nginx-t")
        #expect(test.waitForExit(seconds: 30) == 0, "\(test.stderr)")

        let shop = try TestProcess(
            executable: Self.hello, arguments: ["serve", "--config", "shop/wrangler.jsonc", "--threads", "2"],
            directory: directory, name: "shop")
        let api = try TestProcess(
            executable: Self.hello, arguments: ["serve", "--config", "api/wrangler.toml", "--threads", "2"],
            directory: directory, name: "api")
        defer {
            shop.stop()
            api.stop()
        }
        try OutpostStack.waitFor {
            FileManager.default.fileExists(atPath: directory + "/shop.sock")
                && FileManager.default.fileExists(atPath: directory + "/api.sock")
        }
        let server = try TestProcess(
            executable: nginx, arguments: ["-p", prefix, "-c", conf, "-e", "stderr"], directory: directory,
            name: "nginx")
        defer { server.stop() }
        try OutpostStack.waitFor { (try? HTTPTestClient(port: port, timeoutSeconds: 2)) != nil }
        let client = { try HTTPTestClient(port: port) }

        let home = try client().request("GET", "/", host: "shop.example.com")
        #expect(home.status == 200 && home.text == "shop home", "assets from nginx")
        let about = try client().request("GET", "/about.html", host: "shop.example.org")
        #expect(about.status == 307 && about.header("Location") == "/about", "the custom domain serves the shop")
        let shopWorker = try client().request("GET", "/request", host: "shop.example.com")
        #expect(shopWorker.status == 200 && shopWorker.text.contains("shop.example.com"), "\(shopWorker.text)")
        let apiWorker = try client().request("GET", "/api/x", host: "shop.example.com")
        #expect(apiWorker.status == 404 && apiWorker.text.hasPrefix("No route for GET /api/x"))
        let apiOther = try client().request("GET", "/api/x", host: "eu.example.com")
        #expect(apiOther.status == 404 && apiOther.text.hasPrefix("No route for GET /api/x"))
        let outsideRoute = try client().request("GET", "/", host: "eu.example.com")
        #expect(outsideRoute.status == 404 && !outsideRoute.text.hasPrefix("No route"), "no route → nginx's 404")
        let status = try client().request("GET", "/__status", host: "shop.example.com")
        #expect(status.status == 200, "loopback may read the status path")
    }

    @Test func jsoncConfigChecksLikeTheEquivalentTOML() throws {
        let directory = try TestDirectory.make(prefix: "outpost-check")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.write(
            [
                "json/wrangler.jsonc": """
                {
                  // a comment
                  "name": "same",
                  "vars": { "A": "1", "B": { "x": [1, 2,], }, },
                  "kv_namespaces": [{ "binding": "KV", "id": "kv-id" },],
                  "d1_databases": [{ "binding": "DB", "database_name": "db", "migrations_dir": "migrations" },],
                  "triggers": { "crons": ["0 * * * *",], },
                  "routes": ["same.example.com/*"],
                  "assets": { "directory": "./public", "html_handling": "drop-trailing-slash", },
                  "outpost": { "threads": 3, "state_dir": "../state" },
                }
                """,
                "toml/wrangler.toml": """
                name = "same"
                routes = ["same.example.com/*"]
                [vars]
                A = "1"
                B = { x = [1, 2] }
                [[kv_namespaces]]
                binding = "KV"
                id = "kv-id"
                [[d1_databases]]
                binding = "DB"
                database_name = "db"
                migrations_dir = "../json/migrations"
                [triggers]
                crons = ["0 * * * *"]
                [assets]
                directory = "../json/public"
                html_handling = "drop-trailing-slash"
                [outpost]
                threads = 3
                state_dir = "../state"
                """,
            ], in: directory)
        let (jsonCode, json, jsonError) = try Self.run(["check"], in: directory + "/json")
        let (tomlCode, toml, tomlError) = try Self.run(["check"], in: directory + "/toml")
        #expect(jsonCode == 0 && tomlCode == 0, "\(jsonError) \(tomlError)")
        let body = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("config: ") } }
        #expect(body(json) == body(toml))
        #expect(json.contains("config: wrangler.jsonc"))

        try Self.write(
            ["bad/wrangler.jsonc": "{\n  \"name\": \"x\",\n  \"vars\": { \"A\": 1 \"B\": 2 }\n}\n"], in: directory)
        let (badCode, _, badError) = try Self.run(["check"], in: directory + "/bad")
        #expect(badCode != 0)
        #expect(badError.contains("wrangler.jsonc:3:20: expected `,` or `}`"), "\(badError)")
    }
}
