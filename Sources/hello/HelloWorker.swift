import Outpost
import OutpostRuntime

/// The smallest worker: answers every request with a greeting; `/counter` counts in KV.
struct HelloWorker: Worker {
    func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response {
        if request.path == "/counter" { return try await counter(env: env) }
        return .text("Hello from Outpost!\n")
    }

    /// Increments the `counter` key of KV binding "KV" and answers the new value.
    private func counter(env: Env) async throws -> Response {
        guard env.bindingKind("KV") == "KV namespace" else {
            return .text("no KV namespace bound as \"KV\": add [[kv_namespaces]] binding = \"KV\"\n", status: 404)
        }
        let kv = try env.kv("KV")
        let count = (Int(try await kv.get("counter") ?? "0") ?? 0) + 1
        try await kv.put("counter", String(count))
        return .text("\(count)\n")
    }
}

@main
struct HelloMain {
    static func main() async {
        await OutpostCLI.main(worker: HelloWorker())
    }
}
