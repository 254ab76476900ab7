import Foundation
import Glibc
import Synchronization

/// inotify on a dedicated thread (never Swift's cooperative pool): reports the path of every file
/// written, created, moved or deleted in the watched directories, and for a recursive watch in the
/// directories below them, those created later included.
final class FileWatcher: Sendable {
    /// What a watched directory is.
    private struct Watched: Sendable {
        let path: String
        let recursive: Bool
    }

    private let fd: Int32
    private let watched = Mutex<[Int32: Watched]>([:])
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let skipDirectory: @Sendable (String) -> Bool

    /// The events that change a file's content or a directory's list of files. `IN_MODIFY` is left out:
    /// the `IN_CLOSE_WRITE` that ends a write says the same once.
    private static let mask =
        UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE)
        | UInt32(IN_DELETE)

    /// A watcher whose recursive watches do not descend into a directory whose name `skipDirectory`
    /// accepts (`.build`, `.git`).
    init(skipDirectory: @escaping @Sendable (String) -> Bool) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { throw RuntimeError("cannot watch files: inotify: \(String(cString: strerror(errno)))") }
        self.skipDirectory = skipDirectory
    }

    /// Watches `directory` (and with `recursive` every directory below it); returns how many
    /// directories are now watched for it (0 when it does not exist).
    @discardableResult
    func watch(_ directory: String, recursive: Bool) -> Int {
        let descriptor = inotify_add_watch(fd, directory, Self.mask)
        guard descriptor >= 0 else { return 0 }
        // A directory watched twice (the config's folder inside Sources/) stays recursive if it was.
        watched.withLock { current in
            let wasRecursive = current[descriptor]?.recursive ?? false
            current[descriptor] = Watched(
                path: current[descriptor]?.path ?? directory, recursive: recursive || wasRecursive)
        }
        guard recursive else { return 1 }
        var count = 1
        for child in subdirectories(of: directory) { count += watch(child, recursive: true) }
        return count
    }

    /// Starts reporting: `onChange` is called on the watcher's own thread with each changed path.
    func start(onChange: @escaping @Sendable (String) -> Void) {
        Thread.detachNewThread { [self] in
            loop(onChange)
            finished.signal()
        }
    }

    /// Stops reporting (within a fifth of a second) and closes the inotify descriptor.
    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
        close(fd)
    }

    private func loop(_ onChange: (String) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !stopped.load(ordering: .acquiring) {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            handle(buffer[..<count], onChange)
        }
    }

    /// Reads the `inotify_event` records in `bytes`: wd, mask, cookie, len (4 bytes each), name.
    private func handle(_ bytes: ArraySlice<UInt8>, _ onChange: (String) -> Void) {
        var offset = bytes.startIndex
        while offset + 16 <= bytes.endIndex {
            let start = offset - bytes.startIndex
            func field(_ index: Int) -> UInt32 {
                bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start + index * 4, as: UInt32.self) }
            }
            let descriptor = Int32(bitPattern: field(0))
            let mask = field(1)
            let length = Int(field(3))
            let nameBytes = bytes[(offset + 16)..<min(offset + 16 + length, bytes.endIndex)].prefix { $0 != 0 }
            offset += 16 + length
            if mask & UInt32(IN_IGNORED) != 0 {
                _ = watched.withLock { $0.removeValue(forKey: descriptor) }
                continue
            }
            guard let directory = watched.withLock({ $0[descriptor] }), !nameBytes.isEmpty else { continue }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let path = directory.path + "/" + name
            let isDirectory = mask & UInt32(IN_ISDIR) != 0
            if isDirectory, directory.recursive, mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0,
                !skipDirectory(name)
            {
                watch(path, recursive: true)
            }
            onChange(path)
        }
    }

    private func subdirectories(of directory: String) -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [] }
        // Symbolic links are not followed (a link to a parent would never end).
        return names.filter { !skipDirectory($0) }.map { directory + "/" + $0 }.filter { path in
            (try? manager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeDirectory
        }
    }
}
