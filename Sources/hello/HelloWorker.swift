import Foundation
import Outpost
import OutpostRuntime

/// The example worker: a greeting at `/`, plus small routes that show the Worker API
/// (and that the integration tests drive through nginx).
struct HelloWorker: Worker {
    func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response {
        switch (request.method, request.path) {
        case ("GET", "/"), ("HEAD", "/"):
            return .text("Hello from Outpost!\n")
        case ("GET", "/request"):
            return .json(describe(request))
        case ("POST", "/echo"):
            let body = try await request.bytes()
            var headers = Headers()
            headers.set("Content-Type", request.headers["content-type"] ?? "application/octet-stream")
            return Response(headers: headers, bytes: body)
        case ("POST", "/form"):
            let form = try await request.formData()
            var fields = JSONObject()
            for (name, value) in form.entries { fields[name] = .string(value.text) }
            return .json(.object(fields))
        case ("GET", "/stream"):
            return streamed(
                chunks: try request.integerQuery("chunks", default: 3, in: 0...1000),
                delayMs: try request.integerQuery("delay", default: 200, in: 0...10_000))
        case ("GET", "/cookies"):
            var headers = Headers()
            headers.append("Set-Cookie", "a=1; Path=/; HttpOnly; SameSite=Lax")
            headers.append("Set-Cookie", "b=2; Path=/; HttpOnly; SameSite=Lax")
            return .text("two cookies\n", headers: headers)
        case ("GET", "/slow"):
            try await Task.sleep(for: .milliseconds(try request.integerQuery("ms", default: 1000, in: 0...600_000)))
            return .text("slow done\n")
        case ("GET", "/wait-until"):
            let delay = try request.integerQuery("ms", default: 500, in: 0...600_000)
            ctx.waitUntil {
                try await Task.sleep(for: .milliseconds(delay))
                FileHandle.standardError.write(Data("waitUntil task finished after \(delay) ms\n".utf8))
            }
            return .text("scheduled background work\n")
        case ("GET", "/env"):
            return .json([
                "vars": .object(JSONObject(env.vars.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
                "bindings": .array(env.bindingNames.map { .string($0) }),
            ])
        case ("GET", "/counter"), ("POST", "/counter"):
            return try await counter(env: env)
        case ("GET", "/kv-get"):
            // One KV read per request (the benchmark's "KV-get worker").
            let value = try await env.kv("KV").get(request.query("k") ?? "greeting")
            return .text(value ?? "missing")
        case ("PUT", "/kv"):
            // Stores the body under `k` (the multi-host tests write through one host, read through another).
            try await env.kv("KV").put(request.query("k") ?? "greeting", try await request.text())
            return .text("stored\n")
        case ("GET", "/kv-list"):
            // The names of the keys under `prefix`, one per line.
            let page = try await env.kv("KV").list(prefix: request.query("prefix") ?? "")
            return .text(page.keys.map { $0.name + "\n" }.joined())
        case ("GET", "/d1-read"):
            // One indexed D1 read per request (the benchmark's "D1-read worker").
            let id = try request.integerQuery("id", default: 1, in: Int(Int32.min)...Int(Int32.max))
            let message = try await env.d1("DB").prepare("SELECT message FROM greetings WHERE id = ?").bind(id).first(
                column: "message")
            return .text(message?.stringValue ?? "missing")
        case ("GET", "/greetings"):
            return try await greetings(env: env)
        case ("GET", "/version"):
            // Which build answers (set HELLO_VERSION in a deploy wrapper): the deploy tests watch it switch.
            return .text((ProcessInfo.processInfo.environment["HELLO_VERSION"] ?? "1") + "\n")
        case ("GET", "/throw"):
            throw HelloError.demonstration
        case ("GET", "/bad-header"):
            var headers = Headers()
            headers.set("X-Injected", "a\r\nSet-Cookie: evil=1")
            return .text("should never be sent\n", headers: headers)
        case ("GET", let path) where path.hasPrefix("/via-binding/"):
            return try await viaAssetsBinding(request, env: env)
        default:
            throw HTTPError(404, "No route for \(request.method) \(request.path)")
        }
    }

    /// `GET /via-binding/<path>`: `<path>` fetched through the `[assets]` binding `ASSETS`, as a worker
    /// running first (`run_worker_first`) hands a request to its assets.
    private func viaAssetsBinding(_ request: Request, env: Env) async throws -> Response {
        let path = String(request.path.dropFirst("/via-binding".count))
        let query = request.url.query.map { "?" + $0 } ?? ""
        let target = Request(url: URL(string: "http://assets.local" + path + query)!, headers: request.headers)
        return try await env.assets("ASSETS").fetch(target)
    }

    /// Increments the `counter` key of KV binding "KV" and answers the new value.
    private func counter(env: Env) async throws -> Response {
        guard env.bindingKind("KV") == "KV namespace" else {
            return .text("no KV namespace bound as \"KV\": add [[kv_namespaces]] binding = \"KV\"\n", status: 404)
        }
        let kv = try env.kv("KV")
        // The stored text is not trusted either: anything unparsable or at the top of Int restarts at 1.
        let stored = Int(try await kv.get("counter") ?? "0") ?? 0
        let count = stored < Int.max ? max(stored, 0) + 1 : 1
        try await kv.put("counter", String(count))
        return .text("\(count)\n")
    }

    /// `GET /greetings`: the rows of `greetings` (see Sources/hello/migrations) as JSON,
    /// or 404 when no D1 binding `DB` is configured.
    private func greetings(env: Env) async throws -> Response {
        guard env.bindingKind("DB") != nil else {
            return .json(["error": "no D1 binding \"DB\" is configured"], status: 404)
        }
        let result = try await env.d1("DB").prepare("SELECT id, message FROM greetings ORDER BY id").all()
        return .json(.array(result.results.map { .object($0) }))
    }

    func scheduled(_ controller: ScheduledController, env: Env, ctx: ExecutionContext) async throws {
        FileHandle.standardError.write(
            Data("scheduled run for \(controller.cron) at \(Int(controller.scheduledTime))\n".utf8))
    }

    private func describe(_ request: Request) -> JSONValue {
        var headers = JSONObject()
        for (name, value) in request.headers { headers[name] = .string(value) }
        return [
            "method": .string(request.method), "url": .string(request.url.absoluteString),
            "headers": .object(headers), "cf": request.cf.json,
            "clientAddress": request.cf.clientAddress.map { .string($0) } ?? .null,
        ]
    }

    private func streamed(chunks: Int, delayMs: Int) -> Response {
        let stream = ByteStream { continuation in
            let task = Task {
                for index in 0..<chunks {
                    continuation.yield(Array("chunk \(index)\n".utf8))
                    try? await Task.sleep(for: .milliseconds(delayMs))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        return Response(headers: ["Content-Type": "text/plain"], stream: stream)
    }
}
