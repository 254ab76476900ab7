import Foundation
import OutpostTestSupport
import Synchronization
import Testing

@testable import OutpostRuntime

/// inotify through `FileWatcher`: written, created and moved files are reported, directories made
/// later under a recursive watch are watched too, skipped directories are not descended into.
struct FileWatcherTests {
    @Test func writesInWatchedDirectoriesAndNewSubdirectoriesAreReported() throws {
        let directory = try TemporaryDirectory(prefix: "outpost-watch")
        try directory.write("Sources/app/Main.swift", "1")
        try directory.write("Sources/.build/skip.o", "")
        let seen = Mutex<[String]>([])
        let watcher = try FileWatcher(skipDirectory: WatchPlan.isSkippedDirectory)
        #expect(watcher.watch(directory.path + "/Sources", recursive: true) == 2)
        watcher.start { path in seen.withLock { $0.append(path) } }
        defer { watcher.stop() }
        try directory.write("Sources/app/Main.swift", "2")
        try OutpostStack.waitFor { seen.withLock { $0.contains(directory.path + "/Sources/app/Main.swift") } }
        try FileManager.default.createDirectory(
            atPath: directory.path + "/Sources/app/New", withIntermediateDirectories: true)
        try OutpostStack.waitFor { seen.withLock { $0.contains(directory.path + "/Sources/app/New") } }
        try directory.write("Sources/app/New/Later.swift", "3")
        try OutpostStack.waitFor { seen.withLock { $0.contains(directory.path + "/Sources/app/New/Later.swift") } }
        // Atomic saves (write beside, rename over) are reported under the final name.
        try "4".write(toFile: directory.path + "/Sources/app/Main.swift", atomically: true, encoding: .utf8)
        try OutpostStack.waitFor {
            seen.withLock { $0.filter { $0 == directory.path + "/Sources/app/Main.swift" }.count >= 2 }
        }
        try directory.write("Sources/.build/skip.o", "x")
        try directory.write("Sources/app/Main.swift", "5")
        try OutpostStack.waitFor {
            seen.withLock { $0.filter { $0 == directory.path + "/Sources/app/Main.swift" }.count >= 3 }
        }
        #expect(!seen.withLock { $0.contains { $0.contains("/.build/") } })
    }
}
