import Foundation

/// A small bounded pool of dedicated threads for password hashing (PBKDF2, 600,000 rounds): neither
/// an accept thread nor Swift's cooperative pool runs the KDF, and at most `threads + queueLimit`
/// logins wait on it at once — a request beyond that is refused at once instead of holding a
/// request thread, so a brute force cannot take every thread from the rest of the site.
///
/// Threads start on demand and end after `idleSeconds` without work.
final class PasswordHashPool: @unchecked Sendable {
    /// Hashing threads.
    let threads: Int
    /// Verifications that may wait for a thread.
    let queueLimit: Int
    private let idleSeconds: Double
    private let verifier: @Sendable (_ password: String, _ stored: String) -> Bool
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> @Sendable () -> Void] = []
    private var admitted = 0
    private var running = 0

    /// A pool of `threads` hashing threads with room for `queueLimit` waiting verifications, each
    /// checked by `verifier` (`PasswordHasher.verify`).
    init(
        threads: Int = 1, queueLimit: Int = 2, idleSeconds: Double = 30,
        verifier: @escaping @Sendable (_ password: String, _ stored: String) -> Bool = {
            PasswordHasher.verify($0, against: $1)
        }
    ) {
        self.threads = max(1, threads)
        self.queueLimit = max(0, queueLimit)
        self.idleSeconds = idleSeconds
        self.verifier = verifier
    }

    /// Whether `password` matches `stored`, computed on a pool thread; `nil` when the pool is full.
    func verify(_ password: String, against stored: String) async -> Bool? {
        guard admit() else { return nil }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            enqueue { [verifier] in
                let matches = verifier(password, stored)
                return { continuation.resume(returning: matches) }
            }
        }
    }

    /// Verifications admitted and not yet finished.
    var inFlight: Int {
        condition.lock()
        defer { condition.unlock() }
        return admitted
    }

    private func admit() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard admitted < threads + queueLimit else { return false }
        admitted += 1
        return true
    }

    private func enqueue(_ job: @escaping @Sendable () -> @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        let start = running < threads && running < admitted
        if start { running += 1 }
        condition.signal()
        condition.unlock()
        if start {
            let thread = Thread { [self] in work() }
            thread.name = "kyx-password-hash"
            thread.start()
        }
    }

    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty {
                if !condition.wait(until: Date(timeIntervalSinceNow: idleSeconds)), jobs.isEmpty {
                    running -= 1
                    condition.unlock()
                    return
                }
            }
            let job = jobs.removeFirst()
            condition.unlock()
            let finish = job()
            condition.lock()
            admitted -= 1
            condition.unlock()
            finish()
            condition.lock()
        }
    }
}
