import Foundation
import Outpost
import OutpostSQLite
import Synchronization
import Testing

/// Storage calls never block Swift's cooperative pool: work that waits for a locked file parks a
/// storage thread, so unrelated tasks keep running.
@Suite("Storage off the cooperative pool")
struct StoragePoolIsolationTests {
    /// How long the lock is held at most when the unrelated task does not get to run (the busy timeout
    /// of the writes is 10 s, so they would still be waiting).
    static let lockHoldLimit: Duration = .seconds(9)

    @Test func waitUntilWritesAgainstALockedFileDoNotDelayAnUnrelatedTask() async throws {
        let fixture = try SQLiteFixture()
        try await fixture.kv.put("warm", "up")
        let locker = try LockingProcess(path: fixture.storage.path)
        let tracker = WaitUntilTracker()
        let ctx = ExecutionContext(tracker: tracker)
        let kv = fixture.kv
        for index in 0..<64 {
            ctx.waitUntil { try await kv.put("key-\(index)", "value-\(index)") }
        }
        let unrelatedRan = Flag()
        // The releaser is a plain thread, so it runs even if every pool thread is blocked.
        let released = locker.release(afterWaitingUpTo: Self.lockHoldLimit) { unrelatedRan.isSet }
        let ranWhileLocked = await Task {
            unrelatedRan.set()
            return !locker.isReleased
        }.value
        await released.value
        await ctx.settle()
        #expect(ranWhileLocked, "an unrelated task waited for the locked file's writes")
        #expect(tracker.failedCount == 0)
        for index in [0, 31, 63] {
            #expect(try await kv.get("key-\(index)") == "value-\(index)")
        }
        #expect(try sqlite3(fixture.storage.path, "SELECT count(*) FROM kv_entries WHERE key LIKE 'key-%'") == "64")
    }

    @Test func aCronLikeTaskReadsAndWritesD1WhileTheFileIsLocked() async throws {
        let temp = try TemporaryD1()
        try await temp.db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        let locker = try LockingProcess(path: temp.engine.path)
        let db = temp.db
        let writes = (0..<16).map { index in
            Task { try await db.prepare("INSERT INTO t (v) VALUES (?)").bind("row \(index)").run() }
        }
        let unrelatedRan = Flag()
        let released = locker.release(afterWaitingUpTo: Self.lockHoldLimit) { unrelatedRan.isSet }
        // A read needs no lock in WAL mode: it answers while the writes wait.
        let count = try await db.prepare("SELECT count(*) AS n FROM t").first(column: "n")
        let readWhileLocked = !locker.isReleased
        unrelatedRan.set()
        await released.value
        for write in writes { _ = try await write.value }
        #expect(count == 0)
        #expect(readWhileLocked, "a D1 read waited for the locked file's writes")
        #expect(try await db.prepare("SELECT count(*) AS n FROM t").first(column: "n") == 16)
    }
}

/// A `sqlite3` process holding a file's write lock (`BEGIN IMMEDIATE`) until released.
final class LockingProcess: Sendable {
    private let process: Process
    private let input: FileHandle
    private let released = Flag()

    init(path: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        input = stdin.fileHandleForWriting
        input.write(Data("BEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
        var seen = ""
        while !seen.contains("locked") {
            let chunk = stdout.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw CocoaError(.fileReadUnknown) }
            seen += String(decoding: chunk, as: UTF8.self)
        }
    }

    /// Whether the lock was released.
    var isReleased: Bool { released.isSet }

    /// Releases the lock on a plain thread once `done()` holds or `limit` passed; the task ends when
    /// the process has exited.
    func release(afterWaitingUpTo limit: Duration, when done: @escaping @Sendable () -> Bool) -> Task<Void, Never> {
        let finished = Flag()
        let thread = Thread { [self] in
            let deadline = ContinuousClock.now + limit
            while !done(), ContinuousClock.now < deadline { usleep(1000) }
            released.set()
            input.write(Data("ROLLBACK;\n.quit\n".utf8))
            process.waitUntilExit()
            finished.set()
        }
        thread.start()
        return Task.detached {
            while !finished.isSet { try? await Task.sleep(for: .milliseconds(5)) }
        }
    }
}

/// A flag set once, read from any thread.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .acquiring) }

    func set() { value.store(true, ordering: .releasing) }
}
