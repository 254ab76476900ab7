import Outpost
import OutpostRuntime

/// The smallest worker: answers every request with a greeting, and `/greetings` from D1.
struct HelloWorker: Worker {
    func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response {
        if request.path == "/greetings" { return try await greetings(env: env) }
        return .text("Hello from Outpost!\n")
    }

    /// `GET /greetings`: the rows of `greetings` (see migrations/0001_hello_greetings.sql) as JSON,
    /// or 404 when no D1 binding `DB` is configured.
    private func greetings(env: Env) async throws -> Response {
        guard env.bindingKind("DB") != nil else {
            return .json(["error": "no D1 binding \"DB\" is configured"], status: 404)
        }
        let result = try await env.d1("DB").prepare("SELECT id, message FROM greetings ORDER BY id").all()
        return .json(.array(result.results.map { .object($0) }))
    }
}

@main
struct HelloMain {
    static func main() async {
        await OutpostCLI.main(worker: HelloWorker())
    }
}
