import Outpost
import OutpostRuntime

/// The smallest worker: answers every request with a greeting.
struct HelloWorker: Worker {
    func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response {
        .text("Hello from Outpost!\n")
    }
}

@main
struct HelloMain {
    static func main() async {
        await OutpostCLI.main(worker: HelloWorker())
    }
}
