import Outpost
import Synchronization

/// A worker whose `scheduled` records each controller and does what the test asks.
final class ScheduledRecorder: Worker {
    /// What `scheduled` does after recording.
    enum Behaviour: Sendable {
        case succeed
        case fail(String)
        case failWithoutRetry(String)
        /// Signals `started`, then waits for `release` before returning.
        case block(started: TestGate, release: TestGate)
        /// Adds waitUntil work that signals `started`, waits for `release`, then records completion.
        case waitUntil(started: TestGate, release: TestGate)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let behaviour: Behaviour
    let calls = Mutex<[(cron: String, scheduledTime: Double)]>([])
    let waitUntilDone = Mutex(0)

    init(_ behaviour: Behaviour = .succeed) { self.behaviour = behaviour }

    func fetch(_ request: Request, env: Env, ctx: ExecutionContext) async throws -> Response { .text("ok") }

    func scheduled(_ controller: ScheduledController, env: Env, ctx: ExecutionContext) async throws {
        calls.withLock { $0.append((controller.cron, controller.scheduledTime)) }
        switch behaviour {
        case .succeed: return
        case .fail(let message): throw Failure(description: message)
        case .failWithoutRetry(let message):
            controller.noRetry()
            throw Failure(description: message)
        case .block(let started, let release):
            started.open()
            await release.wait()
        case .waitUntil(let started, let release):
            ctx.waitUntil { [self] in
                started.open()
                await release.wait()
                self.waitUntilDone.withLock { $0 += 1 }
            }
        }
    }

    var recorded: [(cron: String, scheduledTime: Double)] { calls.withLock { $0 } }

    /// How many `waitUntil` tasks have completed.
    var finishedWaitUntilCount: Int { waitUntilDone.withLock { $0 } }
}
