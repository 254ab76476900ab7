import Foundation
public import Outpost
public import OutpostDqlite
public import OutpostSQLite

/// A D1 database as the `d1` commands use it, on whichever backend the config names: synchronous runs
/// and a SQL export.
public protocol D1CLIDatabase: D1Storage {
    /// Where the data lives, for messages (a file path or a `dqlite://` cluster).
    var location: String { get }
    /// Runs `queries` as one all-or-nothing transaction.
    func run(_ queries: [D1Query]) throws(D1Error) -> D1Response
    /// A SQL dump (see `D1Engine.exportSQL`).
    func exportSQL(schema: Bool, data: Bool, tables: [String]) throws -> String
}

extension D1Engine: D1CLIDatabase {
    /// The database file.
    public var location: String { path }
}

extension DqliteD1Storage: D1CLIDatabase {
    /// `dqlite://<nodes>/<database>`.
    public var location: String { "dqlite://" + nodes.joined(separator: ",") + "/" + database }

    /// The leader's copy of the database (DUMP), opened from a private temporary directory with the
    /// embedded engine and exported by it, so both backends export alike.
    public func exportSQL(schema: Bool, data: Bool, tables: [String]) throws -> String {
        let directory = NSTemporaryDirectory() + "/outpost-d1-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/db.sqlite"
        for file in try dumpFiles() {
            let target = file.name.hasSuffix("-wal") ? path + "-wal" : path
            guard FileManager.default.createFile(atPath: target, contents: Data(file.bytes)) else {
                throw D1CLIError("could not write the dump to \(target)")
            }
        }
        return try D1Engine(path: path).exportSQL(schema: schema, data: data, tables: tables)
    }
}
