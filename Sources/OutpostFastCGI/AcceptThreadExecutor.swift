import Foundation
import Synchronization

/// A task executor driven by one accept thread: the thread runs its request's async handler itself,
/// job by job, while it waits for the response — no hop to the cooperative pool and back for a
/// handler that does not suspend, and blocking calls in a handler (SQLite) hold this thread only.
///
/// Jobs that arrive while the thread is not driving (it is back in `accept()`: a task the handler
/// left running, a `Task {}` that inherited the preference) go to the global concurrent executor,
/// so nothing waits for the thread's next request.
final class AcceptThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var driving = false

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        if driving {
            jobs.append(unowned)
            condition.signal()
            condition.unlock()
        } else {
            condition.unlock()
            globalConcurrentExecutor.enqueue(ExecutorJob(unowned))
        }
    }

    /// Wakes `drive` so it re-checks its condition.
    func wake() {
        condition.lock()
        condition.signal()
        condition.unlock()
    }

    /// Calls `start` (which creates the task that prefers this executor), then runs jobs on the
    /// calling thread until `done()` holds; returns `false` when `deadline` passed first. Jobs still
    /// queued afterwards are handed to the global executor.
    func drive(start: () -> Void, until done: () -> Bool, deadline: Date?) -> Bool {
        condition.lock()
        driving = true
        condition.unlock()
        start()
        let finished = runJobs(until: done, deadline: deadline)
        condition.lock()
        driving = false
        var leftover: [UnownedJob] = []
        // Usually none: the queue keeps its buffer for the next request.
        if !jobs.isEmpty { swap(&leftover, &jobs) }
        condition.unlock()
        for job in leftover { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
        return finished
    }

    private func runJobs(until done: () -> Bool, deadline: Date?) -> Bool {
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
