public import Foundation
import Synchronization

/// A clock that only moves when told to, for tests: sleepers wake when `advance(to:)` reaches their
/// deadline, and `sleepers(atLeast:)` tells a test when the code under test is waiting.
public final class ManualCronClock: CronClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Watcher {
        let count: Int
        let continuation: CheckedContinuation<[Date], Never>
    }

    private struct State {
        var now: Date
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
        var cancelled: Set<UInt64> = []
        var watchers: [Watcher] = []
    }

    private let state: Mutex<State>

    /// A clock that reads `now` until advanced.
    public init(now: Date) {
        state = Mutex(State(now: now))
    }

    public var now: Date { state.withLock { $0.now } }

    public func sleep(until deadline: Date) async throws {
        try Task.checkCancellation()
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                register(Sleeper(id: id, deadline: deadline, continuation: continuation))
            }
        } onCancel: {
            cancel(id)
        }
    }

    /// Moves the clock to `date` (never backwards) and wakes every sleeper whose deadline has come.
    public func advance(to date: Date) {
        let woken = state.withLock { state -> [Sleeper] in
            state.now = max(state.now, date)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
            state.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        advance(to: now.addingTimeInterval(seconds))
    }

    /// Waits until at least `count` tasks are sleeping on this clock; returns their deadlines, earliest first.
    public func sleepers(atLeast count: Int) async -> [Date] {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [Date]? in
                guard state.sleepers.count >= count else {
                    state.watchers.append(Watcher(count: count, continuation: continuation))
                    return nil
                }
                return state.sleepers.map(\.deadline).sorted()
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func register(_ sleeper: Sleeper) {
        enum Outcome {
            case cancelled
            case due
            case sleeping(ready: [Watcher], deadlines: [Date])
        }
        let outcome = state.withLock { state -> Outcome in
            if state.cancelled.remove(sleeper.id) != nil { return .cancelled }
            if sleeper.deadline <= state.now { return .due }
            state.sleepers.append(sleeper)
            let count = state.sleepers.count
            let ready = state.watchers.filter { $0.count <= count }
            state.watchers.removeAll { $0.count <= count }
            return .sleeping(ready: ready, deadlines: state.sleepers.map(\.deadline).sorted())
        }
        switch outcome {
        case .cancelled:
            sleeper.continuation.resume(throwing: CancellationError())
        case .due:
            sleeper.continuation.resume()
        case .sleeping(let ready, let deadlines):
            for watcher in ready { watcher.continuation.resume(returning: deadlines) }
        }
    }

    private func cancel(_ id: UInt64) {
        let sleeper = state.withLock { state -> Sleeper? in
            guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else {
                state.cancelled.insert(id)
                return nil
            }
            return state.sleepers.remove(at: index)
        }
        sleeper?.continuation.resume(throwing: CancellationError())
    }
}
