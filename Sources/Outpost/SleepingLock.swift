import Foundation

/// A value behind glibc's plain `pthread_mutex_t`: a thread that finds it taken sleeps in the kernel
/// at once, and the unlock wakes it.
///
/// For a lock every request takes from every accept thread. `Synchronization.Mutex` first spins on a
/// taken lock (hundreds of pause loops) before it sleeps; with more accept threads than cores, the
/// owner is often preempted inside its few instructions, and every waiter then burns its whole spin
/// for nothing (issue 12 measured the D1 engine's bookmark lock at 18 µs of spinning per request).
package final class SleepingLock<Value: Sendable>: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    // Guarded by `lock`.
    private var value: Value

    /// `value`, behind a new lock.
    package init(_ value: Value) {
        self.value = value
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// `body`'s result, with the value in hand under the lock.
    package func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return try body(&value)
    }
}
