import Foundation
import Synchronization

/// A task executor driven by one accept thread: the thread runs its request's async handler itself,
/// job by job, while it waits for the response — no hop to the cooperative pool and back for a
/// handler that does not suspend, and blocking calls in a handler (SQLite) hold this thread only.
final class AcceptThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// Wakes `run(until:deadline:)` so it re-checks its condition.
    func wake() {
        condition.lock()
        condition.signal()
        condition.unlock()
    }

    /// Runs jobs on the calling thread until `done()` holds; returns `false` when `deadline` passed first.
    func run(until done: () -> Bool, deadline: Date?) -> Bool {
        while true {
            condition.lock()
            while jobs.isEmpty {
                if done() {
                    condition.unlock()
                    return true
                }
                if let deadline {
                    if !condition.wait(until: deadline), jobs.isEmpty, !done() {
                        condition.unlock()
                        return false
                    }
                } else {
                    condition.wait()
                }
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
