import Foundation
import Outpost
import Synchronization

/// Parses an ISO-8601 UTC instant, e.g. `2026-01-31T23:59:00Z`.
func utc(_ text: String) -> Date {
    // swift-format-ignore: NeverUseForceTry
    try! Date(text, strategy: .iso8601)
}

/// An ISO-8601 UTC rendering of `date`, for readable expectations.
func iso(_ date: Date?) -> String {
    date.map { $0.formatted(.iso8601) } ?? "nil"
}

/// A one-shot signal tests await: `open()` releases every waiter, now and later.
final class TestGate: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Releases every waiter.
    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the gate is open.
    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state -> Bool in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }
}

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
