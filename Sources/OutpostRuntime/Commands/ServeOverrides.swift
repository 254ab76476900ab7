import ArgumentParser
import Foundation
import OutpostConfig

/// Flags that override the `[outpost]` table for `serve` and `dev`.
struct ServeOverrides: ParsableArguments {
    @Option(help: "Where to listen: unix:/path/to.sock, 127.0.0.1:9000 (overrides [outpost] listen).")
    var listen: String?

    @Option(help: "Accept threads per worker process (overrides [outpost] threads).")
    var threads: Int?

    @Option(help: "Worker processes (overrides [outpost] processes; default one per core).")
    var processes: Int?

    @Option(help: "Kept connections per worker process, served by its threads (overrides [outpost] kept_connections).")
    var keptConnections: Int?

    func apply(to config: inout WorkerConfig) throws {
        if let listen {
            guard let address = ListenAddress(parsing: listen, relativeTo: FileManager.default.currentDirectoryPath)
            else {
                throw ValidationError("--listen \(listen): expected unix:/path or host:port")
            }
            config.outpost.listen = address
        }
        if let threads {
            guard (1...1024).contains(threads) else { throw ValidationError("--threads must be from 1 to 1024") }
            config.outpost.threads = threads
        }
        if let processes {
            guard (1...256).contains(processes) else { throw ValidationError("--processes must be from 1 to 256") }
            config.outpost.processes = processes
        }
        if let keptConnections {
            guard (0...65536).contains(keptConnections) else {
                throw ValidationError("--kept-connections must be from 0 to 65536")
            }
            config.outpost.keptConnections = keptConnections
        }
    }

    var childArguments: [String] {
        (listen.map { ["--listen", $0] } ?? []) + (threads.map { ["--threads", String($0)] } ?? [])
            + (keptConnections.map { ["--kept-connections", String($0)] } ?? [])
    }
}
