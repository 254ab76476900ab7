import Foundation

/// A value behind a reader-writer lock (glibc's `pthread_rwlock_t`, writers preferred): readers
/// share it, so a value every request reads (a hot cache entry) costs no wait between threads —
/// `Mutex` makes each reader wait its turn, spinning first (see `SleepingLock`).
package final class ReadWriteLocked<Value: Sendable>: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
    // Guarded by `lock`: read under a read lock, changed under the write lock only.
    private var value: Value

    /// `value`, behind a new lock.
    package init(_ value: Value) {
        self.value = value
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        // A steady stream of readers must not starve a writer (a cache fill, an invalidation).
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// `body`'s result, read under the shared lock.
    package func read<T>(_ body: (Value) throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(value)
    }

    /// `body`'s result, with the value changed under the exclusive lock.
    package func write<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(&value)
    }
}
