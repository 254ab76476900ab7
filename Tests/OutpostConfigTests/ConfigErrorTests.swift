import Foundation
import OutpostConfig
import OutpostTestSupport
import Testing

@Suite("Config errors: file, line and key path")
struct ConfigErrorTests {
    @Test(
        "wrong types and bad values",
        arguments: [
            ("name = 42", "wrangler-like.toml:1: name: expected a string, found 42"),
            ("name = \"\"", "wrangler-like.toml:1: name: must not be empty"),
            (
                "compatibility_date = \"May 1st\"",
                "wrangler-like.toml:1: compatibility_date: expected a date like \"2025-05-01\", found \"May 1st\""
            ),
            (
                "route = \"a/*\"\nroutes = [\"b/*\"]",
                "wrangler-like.toml:2: routes: `route` and `routes` cannot both be set; list every pattern in `routes`"
            ),
            (
                "\ncompatibility_flags = \"nodejs_compat\"",
                "wrangler-like.toml:2: compatibility_flags: expected an array, found \"nodejs_compat\""
            ),
            (
                "compatibility_flags = [\"a\", 1]",
                "wrangler-like.toml:1: compatibility_flags[1]: expected a string, found 1"
            ),
            ("workers_dev = \"yes\"", "wrangler-like.toml:1: workers_dev: expected true or false, found \"yes\""),
            (
                "routes = [42]",
                "wrangler-like.toml:1: routes[0]: expected a route pattern string or { pattern = … }, found 42"
            ),
            ("route = { zone_name = \"x\" }", "wrangler-like.toml:1: route: missing required key `pattern`"),
            ("vars = [1]", "wrangler-like.toml:1: vars: expected a table, found an array"),
            ("[vars]\nRATIO = nan", "wrangler-like.toml:2: vars.RATIO: nan has no JSON equivalent"),
            (
                "[kv_namespaces]\nbinding = \"A\"",
                "wrangler-like.toml:1: kv_namespaces: expected an array, found a table"
            ),
            (
                "kv_namespaces = [\"CACHE\"]",
                "wrangler-like.toml:1: kv_namespaces[0]: expected a table, found \"CACHE\""
            ),
            (
                "[[kv_namespaces]]\nid = \"x\"",
                "wrangler-like.toml:1: kv_namespaces[0]: missing required key `binding` (the name the worker uses in env)"
            ),
            (
                "[[kv_namespaces]]\nbinding = \"A\"\n\n[[kv_namespaces]]\nbinding = 7",
                "wrangler-like.toml:5: kv_namespaces[1].binding: expected a string, found 7"
            ),
            (
                "[[kv_namespaces]]\nbinding = \"A\"\nbackend = \"memcached\"",
                "wrangler-like.toml:3: kv_namespaces[0].backend: expected \"sqlite\" or \"redis\", found \"memcached\""
            ),
            (
                "[[kv_namespaces]]\nbinding = \"A\"\nbackend = \"redis\"",
                "wrangler-like.toml:1: kv_namespaces[0]: backend \"redis\" needs a `url`, e.g. \"redis://127.0.0.1:6379/0\""
            ),
            (
                "[[kv_namespaces]]\nbinding = \"A\"\nbackend = \"redis\"\nurl = \"http://x\"",
                "wrangler-like.toml:4: kv_namespaces[0].url: expected a redis://, rediss:// or unix:// URL, found \"http://x\""
            ),
            (
                "[[d1_databases]]\ndatabase_name = \"x\"",
                "wrangler-like.toml:1: d1_databases[0]: missing required key `binding` (the name the worker uses in env)"
            ),
            (
                "[[d1_databases]]\nbinding = \"DB\"\nmigrations_dir = false",
                "wrangler-like.toml:3: d1_databases[0].migrations_dir: expected a string, found false"
            ),
            (
                "[triggers]\ncrons = \"* * * * *\"",
                "wrangler-like.toml:2: triggers.crons: expected an array, found \"* * * * *\""
            ),
            (
                "[triggers]\ncrons = [\n  \"* * * * *\",\n  5,\n]",
                "wrangler-like.toml:4: triggers.crons[1]: expected a string, found 5"
            ),
            (
                "[assets]\nbinding = \"ASSETS\"",
                "wrangler-like.toml:1: assets: missing required key `directory` (the folder of static files)"
            ),
            ("outpost = 1", "wrangler-like.toml:1: outpost: expected a table, found 1"),
            (
                "[outpost]\nthreads = \"many\"",
                "wrangler-like.toml:2: outpost.threads: expected an integer from 1 to 1024, found \"many\""
            ),
            (
                "[outpost]\nthreads = 0",
                "wrangler-like.toml:2: outpost.threads: expected an integer from 1 to 1024, found 0"
            ),
            (
                "[outpost]\nthreads = 2000",
                "wrangler-like.toml:2: outpost.threads: expected an integer from 1 to 1024, found 2000"
            ),
            (
                "[outpost]\nlisten = \"nowhere\"",
                "wrangler-like.toml:2: outpost.listen: expected \"unix:/path/to.sock\", \"/path/to.sock\", \"host:port\" or \":port\", found \"nowhere\""
            ),
            (
                "[outpost]\nlisten = \":70000\"",
                "wrangler-like.toml:2: outpost.listen: expected \"unix:/path/to.sock\", \"/path/to.sock\", \"host:port\" or \":port\", found \":70000\""
            ),
            (
                "[outpost]\nsocket_mode = 660",
                "wrangler-like.toml:2: outpost.socket_mode: expected permission bits up to 0o777 as octal digits in a string (\"0660\") or an integer (0o660), found 660"
            ),
            (
                "[outpost]\nsocket_mode = \"0689\"",
                "wrangler-like.toml:2: outpost.socket_mode: expected permission bits up to 0o777 as octal digits in a string (\"0660\") or an integer (0o660), found \"0689\""
            ),
            (
                "[outpost]\nsocket_mode = \"1777\"",
                "wrangler-like.toml:2: outpost.socket_mode: expected permission bits up to 0o777 as octal digits in a string (\"0660\") or an integer (0o660), found \"1777\""
            ),
            (
                "[outpost]\nsocket_mode = \"0777\"",
                "wrangler-like.toml:2: outpost.socket_mode: socket mode 0777 lets every local user connect and send requests as if they were nginx; use 0660 with socket_group set to nginx's group (e.g. \"www-data\")"
            ),
            (
                "[outpost]\nsocket_mode = 0o662",
                "wrangler-like.toml:2: outpost.socket_mode: socket mode 0662 lets every local user connect and send requests as if they were nginx; use 0660 with socket_group set to nginx's group (e.g. \"www-data\")"
            ),
            (
                "[outpost]\nkept_connections = -1",
                "wrangler-like.toml:2: outpost.kept_connections: expected an integer from 0 to 65536, found -1"
            ),
            (
                "[outpost]\nprocesses = 0",
                "wrangler-like.toml:2: outpost.processes: expected an integer from 1 to 256, found 0"
            ),
            (
                "[outpost]\ntrusted_proxies = [\"10.0.0.0/33\"]",
                "wrangler-like.toml:2: outpost.trusted_proxies[0]: expected an IP address or CIDR such as \"10.0.0.0/8\" or \"::1\", found \"10.0.0.0/33\""
            ),
            (
                "[[kv_namespaces]]\nbinding = \"KV\"\nid = \"../../x\"",
                "wrangler-like.toml:3: kv_namespaces[0].id: must not contain path separators or be a dot segment (it names a file in the state directory), found \"../../x\""
            ),
            (
                "[[d1_databases]]\nbinding = \"DB\"\ndatabase_name = \"..\"",
                "wrangler-like.toml:3: d1_databases[0].database_name: must not contain path separators or be a dot segment (it names a file in the state directory), found \"..\""
            ),
            (
                "[outpost]\nbacklog = -1",
                "wrangler-like.toml:2: outpost.backlog: expected an integer from 1 to 65535, found -1"
            ),
            (
                "[outpost]\nmax_body_bytes = 0",
                "wrangler-like.toml:2: outpost.max_body_bytes: expected an integer of at least 1, found 0"
            ),
            (
                "[outpost]\nrequest_timeout_ms = -5",
                "wrangler-like.toml:2: outpost.request_timeout_ms: expected a non-negative integer, found -5"
            ),
            (
                "[outpost]\nshutdown_timeout_ms = 1.5",
                "wrangler-like.toml:2: outpost.shutdown_timeout_ms: expected a non-negative integer, found 1.5"
            ),
            (
                "[outpost]\nslowlog_ms = true",
                "wrangler-like.toml:2: outpost.slowlog_ms: expected a non-negative integer, found true"
            ),
            (
                "[outpost]\nstatus_path = \"status\"",
                "wrangler-like.toml:2: outpost.status_path: expected a path starting with \"/\", found \"status\""
            ),
            (
                "[outpost]\ncrons = \"off\"",
                "wrangler-like.toml:2: outpost.crons: expected true or false, found \"off\""
            ),
            (
                "[outpost]\ndev_port = 0",
                "wrangler-like.toml:2: outpost.dev_port: expected an integer from 1 to 65535, found 0"
            ),
            ("[outpost]\nstate_dir = []", "wrangler-like.toml:2: outpost.state_dir: expected a string, found an array"),
            ("[outpost]\nsocket_group = 33", "wrangler-like.toml:2: outpost.socket_group: expected a string, found 33"),
            ("[outpost]\ncolo = \"\"", "wrangler-like.toml:2: outpost.colo: must not be empty"),
            ("env = 1", "wrangler-like.toml:1: env: expected a table, found 1"),
            (
                "[env]\nstaging = 1",
                "wrangler-like.toml:2: env.staging: expected a table (an [env.staging] section), found 1"
            ),
            (
                "name = \"w\"\n[vars]\nA = \"1\"\n[vars.B",
                "wrangler-like.toml:4: expected `]` to close the table header"
            ),
        ])
    func badValue(toml: String, expected: String) {
        #expect(loadError(toml) == "error: \(expected)")
    }

    @Test(
        "duplicate binding names across vars, KV, D1 and assets",
        arguments: [
            (
                "[vars]\nDB = \"x\"\n[[d1_databases]]\nbinding = \"DB\"",
                "wrangler-like.toml:4: d1_databases[0].binding: binding \"DB\" is already declared as a var (vars.DB on line 2)"
            ),
            (
                "[[kv_namespaces]]\nbinding = \"A\"\n[[kv_namespaces]]\nbinding = \"A\"",
                "wrangler-like.toml:4: kv_namespaces[1].binding: binding \"A\" is already declared as a KV namespace (kv_namespaces[0].binding on line 2)"
            ),
            (
                "[[kv_namespaces]]\nbinding = \"X\"\n[[d1_databases]]\nbinding = \"X\"",
                "wrangler-like.toml:4: d1_databases[0].binding: binding \"X\" is already declared as a KV namespace (kv_namespaces[0].binding on line 2)"
            ),
            (
                "[[d1_databases]]\nbinding = \"X\"\n[vars]\nX = 1",
                "wrangler-like.toml:4: vars.X: binding \"X\" is already declared as a D1 database (d1_databases[0].binding on line 2)"
            ),
            (
                "[vars]\nASSETS = 1\n[assets]\ndirectory = \"p\"\nbinding = \"ASSETS\"",
                "wrangler-like.toml:5: assets.binding: binding \"ASSETS\" is already declared as a var (vars.ASSETS on line 2)"
            ),
        ])
    func duplicateBinding(toml: String, expected: String) {
        #expect(loadError(toml) == "error: \(expected)")
    }

    @Test func errorsInAnEnvironmentNameItsKeyPath() {
        let toml = "[outpost]\nthreads = 4\n\n[env.prod.outpost]\nthreads = \"lots\"\n"
        #expect(
            loadError(toml, environment: "prod")
                == "error: wrangler-like.toml:5: env.prod.outpost.threads: expected an integer from 1 to 1024, found \"lots\""
        )
        #expect(loadError(toml) == nil)
    }

    @Test func invalidUTF8() throws {
        let directory = try TemporaryDirectory()
        try directory.write("wrangler.toml", "name = \"w\"")
        try Data([0x6E, 0x3D, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: directory.path + "/wrangler.toml"))
        #expect(
            throws: ConfigError(file: "wrangler.toml", line: 0, keyPath: "", message: "cannot be read as UTF-8 text")
        ) {
            try ConfigLoader.load(explicitPath: nil, environment: nil, workingDirectory: directory.path)
        }
    }

    @Test func compatibilityDateMayBeATOMLDate() throws {
        #expect(try loadConfig("compatibility_date = 2025-05-01").compatibilityDate == "2025-05-01")
    }

    @Test func errorValuesAreStructured() throws {
        let error = #expect(throws: ConfigError.self) {
            try loadConfig("[outpost]\nthreads = \"many\"")
        }
        #expect(error?.diagnostic.file == "wrangler-like.toml")
        #expect(error?.diagnostic.line == 2)
        #expect(error?.diagnostic.keyPath == "outpost.threads")
        #expect(error?.diagnostic.message == "expected an integer from 1 to 1024, found \"many\"")
    }
}
