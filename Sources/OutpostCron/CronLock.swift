import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exclusive lock that makes one process per host the one that runs the crons:
/// `<stateDir>/cron.lock`, held with `flock(LOCK_EX|LOCK_NB)` until `release()` or deinit.
///
/// `flock` locks belong to the open file, so the lock also excludes a second scheduler in the same
/// process, and the kernel drops it when the process dies: no stale locks.
package final class CronLock: Sendable {
    /// The lock file's path.
    package let path: String
    private let descriptor: Mutex<Int32?>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit { release() }

    /// The lock file in `stateDirectory`.
    package static func path(in stateDirectory: String) -> String {
        stateDirectory + "/cron.lock"
    }

    /// Takes the lock in `stateDirectory` (creating the directory and file as needed) and writes this
    /// process's id into it; `nil` when another open file holds it.
    package static func acquire(in stateDirectory: String) throws(CronLockError) -> CronLock? {
        let path = path(in: stateDirectory)
        do {
            try FileManager.default.createDirectory(
                atPath: stateDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CronLockError(path: path, reason: "cannot create the state directory: \(error)")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CronLockError(path: path, reason: "open: \(errorText())") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw CronLockError(path: path, reason: "flock: \(String(cString: strerror(code)))")
        }
        writeProcessID(to: descriptor)
        return CronLock(path: path, descriptor: descriptor)
    }

    /// Releases the lock; later calls do nothing.
    package func release() {
        guard
            let open = descriptor.withLock({ value -> Int32? in
                defer { value = nil }
                return value
            })
        else { return }
        flock(open, LOCK_UN)
        close(open)
    }

    private static func writeProcessID(to descriptor: Int32) {
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
