import Foundation
import Glibc

/// Ownership of a unix socket path by one `serve`: an exclusive `flock` on `<path>.lock`, held as long
/// as the `serve` or any of its worker processes (which inherit the descriptor) lives, so a new `serve`
/// never starts over one that is still draining; and the identity (device, inode) of the socket file
/// it bound, so it only ever removes its own socket, never a successor's.
public final class SocketPathLock: Sendable {
    /// The socket path this lock owns.
    public let socketPath: String
    /// The open lock file (pass it to worker processes so the lock outlives a killed supervisor).
    public let descriptor: Int32
    private let boundIdentity: (device: UInt, inode: UInt)?

    private init(socketPath: String, descriptor: Int32, boundIdentity: (device: UInt, inode: UInt)?) {
        self.socketPath = socketPath
        self.descriptor = descriptor
        self.boundIdentity = boundIdentity
    }

    /// The lock file next to `socketPath`.
    public static func lockPath(for socketPath: String) -> String { socketPath + ".lock" }

    /// Takes the lock for `socketPath`; throws when another process (a running or draining `serve`,
    /// or one of its workers) holds it. The lock file is created 0600 and records the holder's pid.
    public static func acquire(socketPath: String) throws(ListenError) -> SocketPathLock {
        let path = lockPath(for: socketPath)
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ListenError(message: "cannot open the socket lock \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(
                in: .whitespacesAndNewlines)
            close(fd)
            if code == EWOULDBLOCK {
                throw ListenError(
                    message:
                        "another serve (pid \(holder.map { $0.isEmpty ? "unknown" : $0 } ?? "unknown")) owns unix:\(socketPath) "
                        + "and may still be draining; wait for it to exit, or choose another listen path")
            }
            throw ListenError(message: "cannot lock \(path): \(String(cString: strerror(code)))")
        }
        ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return SocketPathLock(socketPath: socketPath, descriptor: fd, boundIdentity: nil)
    }

    /// The same lock, remembering the socket file now at the path as the one this `serve` bound.
    public func recordingBoundSocket() -> SocketPathLock {
        SocketPathLock(socketPath: socketPath, descriptor: descriptor, boundIdentity: Self.identity(of: socketPath))
    }

    /// Removes the socket file if it is still the one this `serve` bound (same device and inode).
    /// Returns whether it removed it.
    @discardableResult
    public func removeSocketIfOurs() -> Bool {
        guard let boundIdentity, let current = Self.identity(of: socketPath), current == boundIdentity else {
            return false
        }
        return unlink(socketPath) == 0
    }

    private static func identity(of path: String) -> (device: UInt, inode: UInt)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (UInt(info.st_dev), UInt(info.st_ino))
    }
}
