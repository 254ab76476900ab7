public import Foundation
public import Outpost
package import OutpostCron
import Synchronization

/// A clock that only moves when a test moves it. `TestWorker` reads it for KV expiry, for
/// `controller.scheduledTime` and for its cron scheduler; hand `now` to your worker's own clock so
/// everything agrees. Sleepers wake when `advance` reaches their deadline, and `sleepers(atLeast:)`
/// tells a test when the code under test is waiting.
///
/// JS equivalent: vitest's fake timers, `vi.useFakeTimers()` with `vi.setSystemTime(date)` and
/// `vi.advanceTimersByTime(ms)`.
public final class ManualClock: Sendable {
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
        var milliseconds: Int64
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
        var cancelled: Set<UInt64> = []
        var watchers: [Watcher] = []
    }

    private let state: Mutex<State>

    /// A clock that reads `now` (by default 2026-01-01T00:00:00Z) until advanced.
    /// JS equivalent: `vi.useFakeTimers({ now })`.
    public init(now: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        state = Mutex(State(milliseconds: Self.milliseconds(of: now)))
    }

    /// The current instant. JS equivalent: `new Date()` under fake timers.
    public var now: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1_000) }

    /// `now` in milliseconds since the epoch (the clock counts whole milliseconds, so KV expiry
    /// arithmetic is exact). JS equivalent: `Date.now()` under fake timers.
    public var milliseconds: Int64 { state.withLock { $0.milliseconds } }

    /// `now` in whole seconds since the epoch, as KV expirations are written.
    /// JS equivalent: `Math.floor(Date.now() / 1000)` under fake timers.
    public var seconds: Int { Int(milliseconds / 1_000) }

    /// This clock as the cron scheduler reads it.
    package var cronClock: any CronClock { ManualCronClock(clock: self) }

    /// The clock KV expiry reads, following this clock. JS equivalent: none (KV reads `Date.now()`).
    public var kvClock: KVClock { KVClock { [self] in milliseconds } }

    /// Returns once the clock has been advanced to `deadline`; throws `CancellationError` when the
    /// calling task is cancelled first. JS equivalent: `await new Promise(r => setTimeout(r, ms))`
    /// under fake timers.
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
    /// JS equivalent: `vi.setSystemTime(date)` followed by `vi.runOnlyPendingTimers()`.
    public func advance(to date: Date) {
        advance(toMilliseconds: Self.milliseconds(of: date))
    }

    /// Moves the clock forward by `delta` milliseconds. JS equivalent: `vi.advanceTimersByTime(delta)`.
    public func advance(milliseconds delta: Int64) {
        advance(toMilliseconds: milliseconds + delta)
    }

    private func advance(toMilliseconds target: Int64) {
        let woken = state.withLock { state -> [Sleeper] in
            state.milliseconds = max(state.milliseconds, target)
            let now = state.milliseconds
            let due = state.sleepers.filter { Self.milliseconds(of: $0.deadline) <= now }
            state.sleepers.removeAll { Self.milliseconds(of: $0.deadline) <= now }
            return due
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Moves the clock forward by `seconds`. JS equivalent: `vi.advanceTimersByTime(seconds * 1000)`.
    public func advance(seconds: TimeInterval) {
        advance(milliseconds: Int64((seconds * 1_000).rounded()))
    }

    /// Moves the clock forward by `days` of 24 hours. JS equivalent: `vi.advanceTimersByTime(days * 86_400_000)`.
    public func advance(days: Int) {
        advance(seconds: TimeInterval(days) * 86_400)
    }

    /// Waits until at least `count` tasks are sleeping on this clock; returns their deadlines, earliest first.
    /// JS equivalent: `vi.getTimerCount()` polled until it reaches `count`.
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
            if Self.milliseconds(of: sleeper.deadline) <= state.milliseconds { return .due }
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

    private static func milliseconds(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000).rounded(.down))
    }
}
