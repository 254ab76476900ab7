import Foundation
import Synchronization

/// Where storage backends run their blocking calls (SQLite, hiredis, dqlite sockets), so that none
/// ever holds a thread of Swift's cooperative pool.
///
/// The one execution model of every backend behind `KVStorage` and `D1Storage`:
/// - On a thread that may block — an accept thread (the FastCGI server marks them with
///   `allowBlockingOnCurrentThread()`) or one of an executor's own threads — `run` calls its body
///   inline: a blocking call holds only that thread, as php-fpm's children do, and costs no hop.
/// - Anywhere else (the cooperative pool: `waitUntil` work, crons, tests, CLI commands), `run`
///   suspends the caller and runs the body on one of the executor's dedicated threads, so a
///   10 s busy wait or a slow socket parks a storage thread, never a pool thread.
///
/// How a backend uses it: own an executor (or take one in its initializer), and wrap every blocking
/// call of a protocol method in `run`:
///
/// ```swift
/// final class RedisKVStorage: KVStorage {
///     private let executor = StorageExecutor(name: "redis kv", threads: 2)
///     func get(_ key: String, now: Int64) async throws -> KVStoredValue? {
///         try await executor.run { try self.connections.withConnection { try $0.get(key) } }
///     }
/// }
/// ```
///
/// The body may run on any of the executor's threads or on the caller's thread, so per-connection
/// state must be guarded (a lock, or a pool of connections checked out for the call). An executor of
/// one thread is a serial queue (one writer per database file). Threads start on first use and end
/// when the executor is released. The executor is also a `TaskExecutor`: a task that prefers it runs
/// its code on the executor's threads, where storage calls are inline.
///
/// JS equivalent: none (workerd's I/O happens off the JS thread by construction).
public final class StorageExecutor: TaskExecutor, Sendable {
    /// The name its threads carry (shown by debuggers and `top -H`).
    /// JS equivalent: none.
    public let name: String
    private let queue: StorageWorkQueue

    /// An executor of at most `threads` dedicated threads named after `name`, started on demand.
    /// JS equivalent: none (workerd runs storage outside the isolate).
    public init(name: String, threads: Int = 1) {
        self.name = name
        queue = StorageWorkQueue(name: name, maxThreads: max(1, threads))
    }

    deinit { queue.shutdown() }

    /// Runs `body`, which may block: inline when the calling thread may block (see the type), else on
    /// one of this executor's threads while the caller is suspended. Returns or throws what `body` does.
    ///
    /// JS equivalent: none (awaiting a storage call).
    public func run<T, E: Error>(_ body: () throws(E) -> T) async throws(E) -> T {
        if Self.currentThreadAllowsBlocking { return try body() }
        return try await hop(body)
    }

    /// Runs `body` on one of this executor's threads, whatever the calling thread (for callers that
    /// must not run it inline, e.g. to keep one file's writes in one serial queue).
    ///
    /// JS equivalent: none.
    public func hop<T, E: Error>(_ body: () throws(E) -> T) async throws(E) -> T {
        let outcome: Result<T, E> = await withoutActuallyEscaping(body) { escapable in
            let call = BorrowedCall(escapable)
            return await withCheckedContinuation {
                (continuation: CheckedContinuation<UncheckedTransfer<Result<T, E>>, Never>) in
                queue.submit(
                    .closure {
                        // `call` lets go of the body before the caller resumes (withoutActuallyEscaping checks).
                        continuation.resume(returning: UncheckedTransfer(call.run()))
                    })
            }.value
        }
        return try outcome.get()
    }

    /// Enqueues a job of a task that prefers this executor. JS equivalent: none.
    public func enqueue(_ job: consuming ExecutorJob) {
        queue.submit(.job(UnownedJob(job), asUnownedTaskExecutor()))
    }

    /// Marks the calling thread as one whose blocking calls hold only itself (an accept thread that
    /// runs its request's handler to completion): `run` is inline there. Never call it on a thread of
    /// the cooperative pool. JS equivalent: none.
    public static func allowBlockingOnCurrentThread() {
        pthread_setspecific(BlockingThreadKey.key, UnsafeRawPointer(bitPattern: 1))
    }

    /// Whether the calling thread may block (an accept thread or an executor's own thread).
    /// JS equivalent: none.
    public static var currentThreadAllowsBlocking: Bool {
        pthread_getspecific(BlockingThreadKey.key) != nil
    }
}

/// The thread-specific key behind `StorageExecutor.allowBlockingOnCurrentThread()`.
private enum BlockingThreadKey {
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}

/// A body lent to another thread for one call: `run` calls it once and drops it.
private final class BorrowedCall<T, E: Error>: @unchecked Sendable {
    private var body: (() throws(E) -> T)?

    init(_ body: @escaping () throws(E) -> T) { self.body = body }

    func run() -> Result<T, E> {
        guard let body = body.take() else { preconditionFailure("a borrowed call runs once") }
        return Result { () throws(E) -> T in try body() }
    }
}

/// Moves a value the sender no longer touches to the thread that resumes (the caller is suspended
/// meanwhile, so nothing is shared).
struct UncheckedTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
