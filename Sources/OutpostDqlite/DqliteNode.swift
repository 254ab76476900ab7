import CDqlite
import CSQLite
import Foundation
import OutpostSQLite

/// A dqlite node of our own, on Debian's libdqlite: one member of a Raft cluster that replicates
/// SQLite databases and serves dqlite's wire protocol. JS equivalent: none (Cloudflare's D1 primary).
///
/// Every SQLite connection the node opens gets D1's limits (`D1Engine.limits`), so limit errors read as
/// they do on the embedded engine. Node 1 bootstraps a new cluster; others `join` one.
package final class DqliteNode {
    /// The node's Raft id.
    package let id: UInt64
    /// The address the node listens on and other nodes reach it at (`host:port`).
    package let address: String
    /// The data directory (Raft log and snapshots).
    package let directory: String
    private let node: OpaquePointer

    /// Creates node `id` at `address` keeping its data in `directory` (created 0700 when missing).
    package init(id: UInt64, address: String, directory: String) throws(DqliteNodeError) {
        self.id = id
        self.address = address
        self.directory = directory
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw DqliteNodeError("cannot create the data directory \(directory): \(error.localizedDescription)")
        }
        _ = Self.d1LimitsInstalled
        var created: OpaquePointer?
        let rc = dqlite_node_create(dqlite_node_id(id), address, directory, &created)
        guard rc == 0, let created else {
            let message = created.map { String(cString: dqlite_node_errmsg($0)) } ?? "error \(rc)"
            if let created { dqlite_node_destroy(created) }
            throw DqliteNodeError("dqlite_node_create failed: \(message)")
        }
        node = created
        // Every stored property is set: a throw from here on runs `deinit`, which destroys the node.
        guard dqlite_node_set_bind_address(node, address) == 0 else {
            let message = String(cString: dqlite_node_errmsg(node))
            throw DqliteNodeError("cannot listen on \(address): \(message)")
        }
    }

    deinit { dqlite_node_destroy(node) }

    /// Starts serving (in libdqlite's own thread).
    package func start() throws(DqliteNodeError) {
        guard dqlite_node_start(node) == 0 else {
            throw DqliteNodeError("dqlite_node_start failed: \(String(cString: dqlite_node_errmsg(node)))")
        }
    }

    /// Stops serving; pending requests fail, the data stays in the directory.
    package func stop() {
        _ = dqlite_node_stop(node)
    }

    /// Makes this node a voter of the cluster that `peer` belongs to (ADD then ASSIGN, sent to that
    /// cluster's leader), retrying until `timeout`. A node that is already a voter is left as it is.
    package func join(_ peer: String, timeout: Duration) throws(DqliteNodeError) {
        let deadline = ContinuousClock.now + timeout
        let cluster = DqliteCluster(nodes: [peer, address], database: "", timeout: timeout)
        var lastError = "no attempt"
        while ContinuousClock.now < deadline {
            do throws(DqliteError) {
                let leader = try cluster.connectToLeader(deadline: deadline)
                let member = try leader.cluster(deadline: deadline).first { $0.id == id }
                if member?.role == 0 { return }
                if member == nil { try leader.add(id: id, address: address, deadline: deadline) }
                try leader.assign(id: id, role: 0, deadline: deadline)
                return
            } catch {
                lastError = error.description
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        throw DqliteNodeError("could not join the cluster of \(peer): \(lastError)")
    }

    /// Registers, once per process, an SQLite auto-extension that gives every new connection D1's limits.
    private static let d1LimitsInstalled: Bool = {
        let entry:
            @convention(c) (
                OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, OpaquePointer?
            ) -> Int32 = { connection, _, _ in
                for (limit, value) in D1Engine.limits { sqlite3_limit(connection, limit.code, Int32(clamping: value)) }
                return SQLITE_OK
            }
        return sqlite3_auto_extension(unsafeBitCast(entry, to: (@convention(c) () -> Void).self)) == SQLITE_OK
    }()
}

/// Why a dqlite node could not be created, started or joined.
package struct DqliteNodeError: Error, CustomStringConvertible {
    /// What went wrong, with the libdqlite message.
    package let description: String

    init(_ description: String) { self.description = description }
}
