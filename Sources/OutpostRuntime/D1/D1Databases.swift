import Foundation
package import Outpost
package import OutpostConfig
import OutpostDqlite
package import OutpostSQLite

/// Finds a config's D1 databases by binding or `database_name` and opens their storage.
package enum D1Databases {
    /// The `[[d1_databases]]` entry whose binding or `database_name` is `name` (as wrangler accepts
    /// either), `nil` when there is none.
    package static func entry(_ name: String, in config: WorkerConfig) -> D1DatabaseConfig? {
        config.d1Databases.first { $0.binding == name || $0.databaseName == name }
    }

    /// The entry for `name`, or wrangler's "Couldn't find a D1 DB" error.
    package static func find(_ name: String, in config: WorkerConfig) throws(D1CLIError) -> D1DatabaseConfig {
        if let entry = entry(name, in: config) { return entry }
        throw notFound(name, configPath: config.file)
    }

    /// wrangler's error for a database name or binding the config does not declare.
    package static func notFound(_ name: String, configPath: String?) -> D1CLIError {
        D1CLIError(
            "Couldn't find a D1 DB with the name or binding '\(name)' in your \(configFileName(configPath)) file.")
    }

    /// wrangler's name for a config file in messages: by format, `wrangler.toml`, `wrangler.json` or
    /// `wrangler.jsonc` (`Wrangler configuration` without a file).
    package static func configFileName(_ path: String?) -> String {
        switch path.map({ ($0 as NSString).pathExtension.lowercased() }) {
        case "toml": "wrangler.toml"
        case "json": "wrangler.json"
        case "jsonc": "wrangler.jsonc"
        default: "Wrangler configuration"
        }
    }

    /// The SQLite file of `database`: `<state_dir>/d1/<database_name or binding>.sqlite`.
    package static func path(of database: D1DatabaseConfig, in config: WorkerConfig) -> String {
        D1Engine.path(stateDirectory: config.outpost.stateDir, localName: database.localName)
    }

    /// Opens the engine of `database` on the same file the server uses.
    package static func open(_ database: D1DatabaseConfig, in config: WorkerConfig) throws -> D1Engine {
        try D1Engine(path: path(of: database, in: config))
    }

    /// The storage the `d1` commands run `database`'s SQL on: the one the server uses for it (its file,
    /// or its dqlite cluster).
    package static func storage(_ database: D1DatabaseConfig, in config: WorkerConfig) throws -> any D1Storage {
        switch database.backend {
        case .sqlite: try open(database, in: config)
        case .dqlite(let nodes, let name, let timeoutMs):
            DqliteD1Storage(nodes: nodes, database: name, timeout: .milliseconds(timeoutMs))
        }
    }

    /// Where `database`'s data lives, for the commands' headers.
    package static func location(of database: D1DatabaseConfig, in config: WorkerConfig) -> String {
        switch database.backend {
        case .sqlite: path(of: database, in: config)
        case .dqlite(let nodes, let name, _): "dqlite://" + nodes.joined(separator: ",") + "/" + name
        }
    }

    /// A SQL dump of `database` (see `D1Engine.exportSQL`), from its file or its cluster's leader.
    package static func exportSQL(
        _ database: D1DatabaseConfig, in config: WorkerConfig, schema: Bool, data: Bool, tables: [String]
    ) throws -> String {
        switch database.backend {
        case .sqlite:
            return try open(database, in: config).exportSQL(schema: schema, data: data, tables: tables)
        case .dqlite(let nodes, let name, let timeoutMs):
            let storage = DqliteD1Storage(nodes: nodes, database: name, timeout: .milliseconds(timeoutMs))
            return try storage.exportSQL(schema: schema, data: data, tables: tables)
        }
    }
}
