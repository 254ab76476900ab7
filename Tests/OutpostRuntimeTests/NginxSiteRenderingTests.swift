import Foundation
import Logging
import Outpost
import OutpostConfig
import OutpostRuntime
import OutpostTestSupport
import OutpostTesting
import Testing

struct NginxSiteRenderingTests {
    private func site(keepConn: Bool, threads: Int = 16, processes: Int? = 1, kept: Int = 0) throws -> String {
        var config = WorkerConfig(file: "wrangler.toml", directory: "/tmp")
        config.outpost.maxBodyBytes = 1024
        config.outpost.threads = threads
        config.outpost.processes = processes
        config.outpost.keptConnections = kept
        let site = try NginxSite.Site(id: "w", config: config, fastcgiAddress: "unix:/tmp/x.sock")
        return try NginxSite(sites: [site], listen: "127.0.0.1:8787", useRoutes: false, keepConn: keepConn).render()
    }

    @Test func rendersListenSocketBodyLimitAndParams() throws {
        let text = try site(keepConn: false)
        #expect(text.contains("listen 127.0.0.1:8787 default_server;"))
        #expect(text.contains("server unix:/tmp/x.sock;"))
        #expect(text.contains("client_max_body_size 1024;"))
        #expect(text.contains("fastcgi_keep_conn off;"))
        #expect(!text.contains("keepalive "))
        #expect(text.contains("fastcgi_param HTTP_HOST $http_host;"))
        #expect(text.contains("fastcgi_param REQUEST_URI $request_uri;"))
    }

    @Test func keepConnCapsTheUpstreamAtTheKeptConnectionsOfEveryProcess() throws {
        // Each of 2 processes keeps 256 connections (the default pool), whatever its thread count.
        #expect(WorkerConfig(file: "wrangler.toml", directory: "/tmp").outpost.keptConnections == 256)
        let text = try site(keepConn: true, threads: 4, processes: 2, kept: 256)
        #expect(text.contains("fastcgi_keep_conn on;"))
        #expect(text.contains("server unix:/tmp/x.sock max_conns=512;"))
        #expect(text.contains("keepalive 512;"))
        #expect(text.contains("keepalive_timeout 1s;"), "nginx closes idle connections, shorter than a worker's drain")
    }

    /// `kept_connections = 0`: each kept connection holds an accept thread (libfcgi's model).
    @Test func keepConnWithoutAPoolCannotOpenMoreConnectionsThanThreads() throws {
        let text = try site(keepConn: true, threads: 6)
        #expect(text.contains("fastcgi_keep_conn on;"))
        #expect(text.contains("zone outpost_w 64k;"), "max_conns counts across nginx worker processes")
        #expect(text.contains("server unix:/tmp/x.sock max_conns=6;"))
        #expect(text.contains("keepalive 6;"))
    }

    @Test func keepConnCountsTheThreadsOfEveryProcessOfThePool() throws {
        // Every worker process accepts on the one address: 3 processes × 6 threads take 18 connections.
        let text = try site(keepConn: true, threads: 6, processes: 3)
        #expect(text.contains("server unix:/tmp/x.sock max_conns=18;"))
        #expect(text.contains("keepalive 18;"))
    }
}

struct WorkerInvokerTests {
    struct Failing: Worker {
        func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response {
            if request.path == "/missing" { throw HTTPError(404, "nothing here") }
            throw TypeError("secret detail")
        }
    }

    private func invoker(dev: Bool) -> WorkerInvoker {
        WorkerInvoker(
            worker: Failing(), env: Env(), tracker: WaitUntilTracker(), showsErrors: dev, logger: .init(label: "test"))
    }

    @Test func httpErrorBecomesItsStatus() async throws {
        let response = await invoker(dev: false).fetch(Request(url: URL(string: "http://h/missing")!))
        #expect(response.status == 404)
        #expect(try await response.text() == "nothing here\n")
    }

    @Test func uncaughtErrorIsSafeInServeAndDetailedInDev() async throws {
        let production = await invoker(dev: false).fetch(Request(url: URL(string: "http://h/x")!))
        #expect(production.status == 500)
        #expect(try await production.text() == "Internal Server Error\n")
        let development = await invoker(dev: true).fetch(Request(url: URL(string: "http://h/x")!))
        #expect(development.status == 500)
        #expect(try await development.text().contains("secret detail"))
    }
}

struct SecretsFromEnvironmentTests {
    @Test func requiredNamesAndPrefixedVariablesBecomeSecrets() {
        var config = WorkerConfig(file: "wrangler.toml", directory: "/tmp")
        config.secrets = ["API_KEY": "from-dev-vars", "OTHER": "kept"]
        config.requiredSecrets = ["API_KEY", "MISSING"]
        let secrets = EnvFactory.secrets(
            of: config, environment: ["API_KEY": "from-env", "OUTPOST_SECRET_TOKEN": "t", "PATH": "/bin"])
        #expect(secrets == ["API_KEY": "from-env", "OTHER": "kept", "TOKEN": "t"])
    }
}
