import Foundation
import Glibc
import Outpost
package import OutpostDqlite
import Synchronization

/// A dqlite cluster for tests: `count` real nodes of the `d1 node` command (the `hello` executable) on
/// free loopback ports in a temporary directory, stopped by PID (SIGTERM on release, SIGKILL at exit).
package final class DqliteTestCluster: @unchecked Sendable {
    /// One node: its id, address, data directory and process (nil while stopped).
    package struct Node {
        package let id: Int
        package let address: String
        package let directory: String
        package var process: TestProcess?
    }

    /// The temporary directory holding every node's data and logs.
    package let directory: String
    private let lock = NSLock()
    private var members: [Node] = []

    private static let started = Mutex<[Int32]>([])
    private static let sharedCluster = Mutex<DqliteTestCluster?>(nil)

    /// One cluster for the whole test process (started on first use, killed at exit).
    package static func shared() throws -> DqliteTestCluster {
        try sharedCluster.withLock { cluster in
            if let cluster { return cluster }
            let made = try DqliteTestCluster(count: 3)
            cluster = made
            return made
        }
    }

    /// Starts `count` nodes (node 1 bootstraps, the others join it) and waits until a write succeeds.
    package init(count: Int) throws {
        directory = try TestDirectory.make(prefix: "dqlite")
        Self.killAtExit()
        for id in 1...count {
            let port = try FreePort.find()
            members.append(Node(id: id, address: "127.0.0.1:\(port)", directory: directory + "/n\(id)"))
        }
        // One at a time: node 1 bootstraps, then each node joins and becomes a voter before the next
        // starts (concurrent membership changes are refused by Raft and only slow the start down).
        for index in members.indices {
            try start(index)
            if index == 0 {
                try waitUntilWritable()
            } else {
                try waitForLog(index, "is a voter")
            }
        }
        try waitUntilWritable()
    }

    /// Waits until node `index` has logged `text`; fails at once, with its log, if it exited.
    package func waitForLog(_ index: Int, _ text: String, seconds: Double = 30) throws {
        guard let process = lock.withLock({ members[index].process }) else { return }
        try OutpostStack.waitFor(seconds: seconds) {
            process.stderr.contains(text) || !process.isRunning
        }
        guard process.isRunning else {
            throw TestHarnessError("dqlite node \(index + 1) exited: \(process.stderr.suffix(2000))")
        }
    }

    deinit {
        for node in members { node.process?.stop(seconds: 10) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Every node's address.
    package var addresses: [String] { lock.withLock { members.map(\.address) } }
    /// The nodes, in id order.
    package var nodes: [Node] { lock.withLock { members } }

    /// A storage on database `name` (a fresh name per test keeps tests apart), asking every node.
    package func storage(_ name: String = "t" + UUID().uuidString.prefix(8), timeout: Duration = .seconds(10))
        -> DqliteD1Storage
    {
        DqliteD1Storage(nodes: addresses, database: name, timeout: timeout)
    }

    /// Starts (or restarts, on its kept data) the node at `index`.
    package func start(_ index: Int) throws {
        let node = lock.withLock { members[index] }
        var arguments = ["d1", "node", "--id", String(node.id), "--address", node.address, "--dir", node.directory]
        if node.id != 1 { arguments += ["--join", members[0].address] }
        let process = try TestProcess(
            executable: OutpostStack.productsDirectory + "/hello", arguments: arguments, directory: directory,
            name: "node\(node.id)-\(UUID().uuidString.prefix(4))")
        Self.started.withLock { $0.append(process.pid) }
        lock.withLock { members[index].process = process }
    }

    /// Sends `signal` to the node at `index` and waits for it to exit.
    package func stop(_ index: Int, signal: Int32 = SIGTERM) {
        guard let process = lock.withLock({ members[index].process }) else { return }
        process.signal(signal)
        _ = process.waitForExit(seconds: 15)
        lock.withLock { members[index].process = nil }
    }

    /// The index of the node that is leader now, asked through the protocol (`nil` when none is).
    package func leaderIndex() -> Int? {
        let storage = DqliteD1Storage(nodes: addresses, database: "probe", timeout: .seconds(3))
        guard let leader = storage.leaderAddress() else { return nil }
        return nodes.firstIndex { $0.address == leader }
    }

    /// Waits until a write through the cluster commits.
    package func waitUntilWritable(seconds: Double = 30) throws {
        let storage = storage("ready", timeout: .seconds(2))
        try OutpostStack.waitFor(seconds: seconds) {
            (try? storage.run([D1Query(sql: "CREATE TABLE IF NOT EXISTS ready (a)")])) != nil
        }
    }

    /// Registers (once) an exit handler that SIGKILLs every node a test started and left running.
    private static func killAtExit() {
        _ = atExitRegistered
    }

    private static let atExitRegistered: Bool = {
        atexit {
            for pid in DqliteTestCluster.started.withLock({ $0 }) { kill(pid, SIGKILL) }
        }
        return true
    }()
}
