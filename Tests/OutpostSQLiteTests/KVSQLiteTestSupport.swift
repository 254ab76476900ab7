import Foundation
import Outpost
import OutpostSQLite
import OutpostTesting
import Synchronization

/// A clock tests move by hand (milliseconds since the epoch).
final class ManualClock: Sendable {
    private let milliseconds: Mutex<Int64>

    init(_ start: Int64 = 1_700_000_000_000) { milliseconds = Mutex(start) }

    var now: Int64 { milliseconds.withLock { $0 } }
    var seconds: Int { Int(now / 1000) }

    func advance(milliseconds delta: Int64) { milliseconds.withLock { $0 += delta } }

    var kvClock: KVClock { KVClock { self.now } }
}

/// A fresh temporary directory, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "outpost-kv-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A SQLite-backed namespace in a fresh state directory.
struct SQLiteFixture {
    let directory: TemporaryDirectory
    let clock: ManualClock
    let storage: SQLiteKVStorage
    let kv: KVNamespace

    init() throws {
        directory = try TemporaryDirectory()
        clock = ManualClock()
        storage = try SQLiteKVStorage(path: SQLiteKVStorage.path(stateDir: directory.path, localName: "test"))
        kv = KVNamespace(storage: storage, clock: clock.kvClock)
    }

    /// A second, independent store on the same file (as another process would open it).
    func reopen() throws -> KVNamespace {
        KVNamespace(storage: try SQLiteKVStorage(path: storage.path), clock: clock.kvClock)
    }
}

/// Runs `/usr/bin/sqlite3 path sql` in a separate process and returns its standard output.
func sqlite3(_ path: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path, sql]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// The message of the error `body` throws, or `nil` when it succeeds.
func errorMessage(_ body: () async throws -> Void) async -> String? {
    await ErrorText.of(body)
}
