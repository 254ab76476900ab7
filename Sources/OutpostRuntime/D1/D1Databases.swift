import Foundation
public import OutpostConfig
import OutpostDqlite
import OutpostSQLite

/// Finds a config's D1 databases by binding or `database_name` and opens their files.
public enum D1Databases {
    /// The `[[d1_databases]]` entry whose binding or `database_name` is `name` (as wrangler accepts either).
    public static func find(_ name: String, in config: WorkerConfig) throws(D1CLIError) -> D1DatabaseConfig {
        if let entry = config.d1Databases.first(where: { $0.binding == name || $0.databaseName == name }) {
            return entry
        }
        let file = (config.file as NSString).lastPathComponent
        throw D1CLIError("Couldn't find a D1 DB with the name or binding '\(name)' in your \(file) file.")
    }

    /// The SQLite file of `database`: `<state_dir>/d1/<database_name or binding>.sqlite`.
    public static func path(of database: D1DatabaseConfig, in config: WorkerConfig) -> String {
        D1Engine.path(stateDirectory: config.outpost.stateDir, localName: database.localName)
    }

    /// Opens `database` where the server finds it: its file, or its dqlite cluster.
    public static func open(_ database: D1DatabaseConfig, in config: WorkerConfig) throws -> any D1CLIDatabase {
        switch database.backend {
        case .sqlite:
            return try D1Engine(path: path(of: database, in: config))
        case .dqlite(let nodes, let name, let timeoutMs):
            return DqliteD1Storage(nodes: nodes, database: name, timeout: .milliseconds(timeoutMs))
        }
    }
}
