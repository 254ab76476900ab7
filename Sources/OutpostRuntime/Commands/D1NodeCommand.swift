import ArgumentParser
import Foundation
import Logging
import OutpostDqlite

/// `d1 node --id N --address HOST:PORT --dir DIR [--join HOST:PORT]`: runs one dqlite node (Debian's
/// libdqlite) that D1 bindings with `backend = "dqlite"` reach. Node 1 bootstraps a new cluster; the
/// others join one through any member. The data stays in DIR across restarts; SIGTERM/SIGINT stop it.
struct D1NodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node", abstract: "Run a dqlite node (one member of a replicated D1 cluster).")

    @Option(help: "The node's Raft id (1 bootstraps a new cluster; keep it across restarts).") var id: UInt64
    @Option(help: "host:port to listen on and be reached at by the other nodes and the workers.") var address: String
    @Option(help: "The data directory (Raft log and snapshots; created 0700).") var dir: String
    @Option(help: "host:port of any member of the cluster to join (every node but the first).") var join: String?
    @Option(help: "Seconds to keep trying to join.") var joinTimeout: Int = 30

    func validate() throws {
        guard id > 0 else { throw ValidationError("--id must be a positive integer") }
        guard id == 1 || join != nil || FileManager.default.fileExists(atPath: dir + "/metadata1") else {
            throw ValidationError("node \(id) starts a new cluster only as --id 1; pass --join HOST:PORT of a member")
        }
        guard (1...3600).contains(joinTimeout) else { throw ValidationError("--join-timeout must be 1…3600") }
    }

    func run() throws {
        LoggingSetup.bootstrap()
        let logger = LoggingSetup.logger("outpost.d1.node")
        // libdqlite writes to peers' sockets with plain write(2): a peer that died must cost an EPIPE on
        // that connection, not this process (SIGPIPE's default action is to terminate it silently).
        signal(SIGPIPE, SIG_IGN)
        let node = try DqliteNode(id: id, address: address, directory: dir)
        try node.start()
        logger.info("dqlite node \(id) listening on \(address), data in \(dir)")
        if let join {
            try node.join(join, timeout: .seconds(joinTimeout))
            logger.info("dqlite node \(id) is a voter of the cluster of \(join)")
        }
        let stop = DispatchSemaphore(value: 0)
        let watcher = SignalWatcher([SIGTERM, SIGINT]) { _ in stop.signal() }
        stop.wait()
        watcher.cancel()
        logger.info("dqlite node \(id) stopping")
        node.stop()
    }
}
