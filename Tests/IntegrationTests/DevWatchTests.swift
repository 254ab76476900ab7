import Foundation
import Glibc
import OutpostTestSupport
import Synchronization
import Testing

/// `dev --watch` on a worker package of its own (real `swift build`, real nginx, real processes):
/// a saved source is rebuilt and swapped in without failing a request, a compile error leaves the
/// old build serving, a burst of saves is one build, a config change reloads nginx and the worker,
/// a new migration is reported or applied. The waits are generous: a build on a loaded machine is slow.
@Suite(.serialized)
struct DevWatchTests {
    /// How long a rebuild may take before a test gives up.
    static let buildLimit: Double = 900

    private func package() throws -> ScratchWorkerPackage { try ScratchWorkerPackage.shared.get() }

    /// One `dev --watch` process.
    private struct DevRun {
        let process: TestProcess
        let port: Int
        let state: String

        /// Stops it and removes its state directory.
        func stop() {
            process.stop()
            try? FileManager.default.removeItem(atPath: state)
        }
    }

    /// `dev --watch` of the scratch package on a free port with its own state directory.
    private func startDev(_ package: ScratchWorkerPackage, _ extra: [String] = []) throws -> DevRun {
        let state = try TestDirectory.make(prefix: "outpost-watch-state")
        let port = try FreePort.find()
        let dev = try TestProcess(
            executable: package.executable,
            arguments: ["dev", "--watch", "--port", String(port), "--persist-to", state] + extra,
            directory: package.root, name: "dev-\(UUID().uuidString.prefix(6))")
        try OutpostStack.waitFor(seconds: 60) { dev.stdout.contains("[watch] watching") }
        try OutpostStack.waitFor { (try? HTTPTestClient(port: port, timeoutSeconds: 2)) != nil }
        return DevRun(process: dev, port: port, state: state)
    }

    private func get(_ port: Int, _ path: String = "/") -> String? {
        guard let response = try? HTTPTestClient(port: port, timeoutSeconds: 10).request("GET", path),
            response.status == 200
        else { return nil }
        return response.text
    }

    private func waitFor(_ text: String, at path: String = "/", port: Int, dev: TestProcess) throws {
        do {
            try OutpostStack.waitFor(seconds: Self.buildLimit) { get(port, path) == text }
        } catch {
            Issue.record("\(path) never answered \(text.debugDescription); dev said:\n\(dev.stdout)\n\(dev.stderr)")
            throw error
        }
    }

    private func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func aSavedSourceIsServedAndARequestInFlightFinishesOnTheOldWorker() throws {
        let package = try package()
        let run = try startDev(package)
        defer { run.stop() }
        let (dev, port) = (run.process, run.port)
        let old = try #require(get(port))
        let new = "saved \(UUID().uuidString.prefix(8))\n"
        let slow = SlowRequests(port: port)
        try package.setMessage(String(new.dropLast()))
        try waitFor(new, port: port, dev: dev)
        let swapped = ContinuousClock.now
        let results = slow.finish()
        #expect(results.allSatisfy { $0.status == 200 }, "\(results)")
        // A request the old worker took before the swap finished after the new one was serving.
        #expect(
            results.contains { $0.text == old && $0.end > swapped },
            "no slow request spanned the swap: \(results)")
        #expect(dev.stdout.contains("[watch] ✔ build succeeded"))
        #expect(dev.stdout.contains("[watch] ✔ reloaded"))
    }

    @Test func aCompileErrorIsPrintedAndTheOldBuildServesUntilItIsFixed() throws {
        let package = try package()
        let run = try startDev(package)
        defer { run.stop() }
        let (dev, port) = (run.process, run.port)
        let old = try #require(get(port))
        try package.breakMessage()
        try OutpostStack.waitFor(seconds: Self.buildLimit) { dev.stdout.contains("[watch] ✘ build failed") }
        #expect(dev.stdout.contains(ScratchWorkerPackage.brokenMessageError))
        #expect(dev.stdout.contains("the previous build keeps serving"))
        #expect(get(port) == old)
        let fixed = "fixed \(UUID().uuidString.prefix(8))"
        try package.setMessage(fixed)
        try waitFor(fixed + "\n", port: port, dev: dev)
        #expect(count("[watch] building ", in: dev.stdout) == 2)
    }

    @Test func aBuildWhoseWorkerCannotStartLeavesTheOldWorkerServing() throws {
        let package = try package()
        defer { try? package.restoreMain() }
        let run = try startDev(package)
        defer { run.stop() }
        let (dev, port) = (run.process, run.port)
        let old = try #require(get(port))
        try package.setMessage("never served")
        try package.makeWorkersExitAtStart()
        try OutpostStack.waitFor(seconds: Self.buildLimit) {
            dev.stdout.contains("[watch] ✘ the new worker did not start")
        }
        #expect(dev.stderr.contains("this build cannot start"))
        #expect(get(port) == old)
        let fixed = "started \(UUID().uuidString.prefix(8))"
        try package.restoreMain()
        try package.setMessage(fixed)
        try waitFor(fixed + "\n", port: port, dev: dev)
    }

    @Test func aBurstOfSavesIsOneBuildAndSavesDuringABuildAreOneMore() throws {
        let package = try package()
        let run = try startDev(package)
        defer { run.stop() }
        let (dev, port) = (run.process, run.port)
        let tag = UUID().uuidString.prefix(8)
        for index in 1...5 {
            try package.setMessage("burst \(tag) \(index)")
            usleep(2_000)
        }
        try OutpostStack.waitFor(seconds: 30) { dev.stdout.contains("[watch] building ") }
        for index in 1...3 {
            try package.setMessage("during \(tag) \(index)")
            usleep(2_000)
        }
        let savedDuringTheBuild = !dev.stdout.contains("build succeeded")
        try waitFor("during \(tag) 3\n", port: port, dev: dev)
        // Longer than the quiet period: a third build would have started by now.
        usleep(1_500_000)
        #expect(count("[watch] building ", in: dev.stdout) == 2, "\(dev.stdout)")
        #expect(savedDuringTheBuild, "the first build ended before the second burst was saved")
    }

    @Test func aConfigChangeReloadsNginxAndTheWorkerAndDevVarsReloadTheWorker() throws {
        let package = try package()
        defer {
            try? package.write("wrangler.toml", ScratchWorkerPackage.config)
            try? FileManager.default.removeItem(atPath: package.root + "/.dev.vars")
        }
        let run = try startDev(package)
        defer { run.stop() }
        let (dev, port) = (run.process, run.port)
        #expect(get(port, "/var?name=GREETING") == "hello")
        // A var (the worker's) and an assets folder (nginx's: it serves the files itself).
        try package.write("public/static.txt", "from nginx\n")
        try package.write(
            "wrangler.toml",
            ScratchWorkerPackage.config.replacing("GREETING = \"hello\"", with: "GREETING = \"changed\"")
                + "[assets]\ndirectory = \"public\"\n")
        try waitFor("changed", at: "/var?name=GREETING", port: port, dev: dev)
        // nginx's reload (SIGHUP) is asynchronous too: its new workers take over shortly.
        try waitFor("from nginx\n", at: "/static.txt", port: port, dev: dev)
        #expect(dev.stdout.contains("nginx re-rendered and reloaded"))
        let conf = try String(contentsOfFile: run.state + "/nginx/nginx.conf", encoding: .utf8)
        #expect(conf.contains(package.root + "/public"))
        try package.write(".dev.vars", "SECRET=from-dev-vars\n")
        try waitFor("from-dev-vars", at: "/var?name=SECRET", port: port, dev: dev)
        // A broken config is reported; nginx and the worker keep the previous one.
        try package.write("wrangler.toml", "name = [\n")
        try OutpostStack.waitFor(seconds: 30) { dev.stdout.contains("the config has an error") }
        #expect(get(port, "/var?name=GREETING") == "changed")
        #expect(count("[watch] building ", in: dev.stdout) == 0)
    }

    @Test func aNewMigrationIsReportedAndAppliedWithApplyMigrations() throws {
        let package = try package()
        let name = "000\(Int.random(in: 2...9))_\(UUID().uuidString.prefix(6).lowercased()).sql"
        defer { try? FileManager.default.removeItem(atPath: package.root + "/migrations/" + name) }
        let reportingRun = try startDev(package)
        let reporting = reportingRun.process
        try package.write("migrations/" + name, "CREATE TABLE later (id INTEGER PRIMARY KEY);\n")
        try OutpostStack.waitFor(seconds: 30) { reporting.stdout.contains("new migration \(name) for DB") }
        #expect(reporting.stdout.contains("d1 migrations apply DB` or restart with --apply-migrations"))
        reportingRun.stop()
        try FileManager.default.removeItem(atPath: package.root + "/migrations/" + name)
        let applyingRun = try startDev(package, ["--apply-migrations"])
        defer { applyingRun.stop() }
        let applying = applyingRun.process
        #expect(applying.stdout.contains("0001_init.sql"), "applied at start")
        try package.write("migrations/" + name, "CREATE TABLE later (id INTEGER PRIMARY KEY);\n")
        try OutpostStack.waitFor(seconds: 30) { count("✅", in: applying.stdout) >= 2 }
        #expect(applying.stdout.contains("new migration \(name) for DB; applying"))
    }
}

/// Slow requests (`/slow?ms=3000`) sent back to back by two threads half a request apart, so one is
/// always in flight, until `finish()`.
final class SlowRequests: Sendable {
    /// One slow request.
    struct Result: Sendable, CustomStringConvertible {
        var status: Int
        var text: String
        var end: ContinuousClock.Instant
        var description: String { "\(status) \(text.debugDescription)" }
    }

    private let results = Mutex<[Result]>([])
    private let stopping = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    init(port: Int) {
        for thread in 0..<2 {
            Thread.detachNewThread { [self] in
                usleep(UInt32(thread * 1_500_000))
                while !stopping.load(ordering: .acquiring) {
                    let result: Result
                    do {
                        let response = try HTTPTestClient(port: port, timeoutSeconds: 30).request(
                            "GET", "/slow?ms=3000")
                        result = Result(status: response.status, text: response.text, end: .now)
                    } catch {
                        result = Result(status: 0, text: "\(error)", end: .now)
                    }
                    results.withLock { $0.append(result) }
                }
                done.signal()
            }
        }
    }

    /// Lets the requests in flight finish; returns every result.
    func finish() -> [Result] {
        stopping.store(true, ordering: .releasing)
        done.wait()
        done.wait()
        return results.withLock { $0 }
    }
}
