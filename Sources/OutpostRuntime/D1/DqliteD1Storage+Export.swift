import Foundation
import OutpostDqlite
import OutpostSQLite

extension DqliteD1Storage {
    /// A SQL dump (see `D1Engine.exportSQL`): the leader's copy of the database (DUMP), opened from a
    /// private temporary directory with the embedded engine and exported by it, so both backends
    /// export alike.
    func exportSQL(schema: Bool, data: Bool, tables: [String]) throws -> String {
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
