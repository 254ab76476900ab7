import Foundation
import Outpost
import OutpostSQLite
import OutpostTestSupport
import OutpostTesting

/// A SQLite-backed namespace in a fresh state directory.
struct SQLiteFixture {
    let directory: TemporaryDirectory
    let clock: ManualClock
    let storage: SQLiteKVStorage
    let kv: KVNamespace

    init() throws {
        directory = try TemporaryDirectory(prefix: "outpost-kv")
        clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
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
