import Foundation
import Logging
import Outpost
import OutpostConfig
import OutpostRuntime
import OutpostTestSupport
import OutpostTesting
import Testing

struct NginxConfigTests {
    @Test func builtInTemplateMatchesTheFileInNginxFolder() throws {
        let file = try String(contentsOfFile: OutpostStack.packageRoot + "/nginx/dev.conf.template", encoding: .utf8)
        let builtIn = NginxConfig.template(in: nil)
        #expect(builtIn.trimmingCharacters(in: .newlines) == file.trimmingCharacters(in: .newlines))
    }

    @Test func renderingFillsEveryPlaceholder() {
        let config = NginxConfig(
            port: 8787, fastcgiAddress: "unix:/tmp/x.sock", prefix: "/tmp/p", maxBodyBytes: 1024,
            keepAliveConnections: 16)
        let text = config.render(template: NginxConfig.template(in: nil))
        #expect(!text.contains("{{"))
        #expect(text.contains("listen 127.0.0.1:8787;"))
        #expect(text.contains("server unix:/tmp/x.sock;"))
        #expect(text.contains("client_max_body_size 1024;"))
        #expect(text.contains("fastcgi_keep_conn on;"))
        #expect(text.contains("keepalive 16;"))
        let off = NginxConfig(port: 1, fastcgiAddress: "127.0.0.1:9000", prefix: "/p", maxBodyBytes: 1).render(
            template: NginxConfig.template(in: nil))
        #expect(off.contains("fastcgi_keep_conn off;"))
        #expect(!off.contains("keepalive "))
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
