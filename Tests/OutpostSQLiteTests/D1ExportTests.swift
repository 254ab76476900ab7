import Foundation
import Outpost
import OutpostRuntime
import OutpostSQLite
import Testing

@Suite struct D1ExportTests {
    @Test func exportRoundTripsSchemaAndRows() async throws {
        let source = try TemporaryD1()
        try await source.db.batch([
            source.db.prepare("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, s TEXT, r REAL, b BLOB, n)"),
            source.db.prepare("CREATE INDEX t_s ON t (s)"),
            try source.db.prepare("INSERT INTO t (s, r, b, n) VALUES (?, ?, ?, ?)").bind(
                "it's; \"quoted\"\nline", 1.25, [0, 255] as [UInt8], D1Value.null),
            source.db.prepare("CREATE VIEW v AS SELECT s FROM t"),
        ])
        let raw = try SQLiteConnection(path: source.engine.path)
        try raw.execute("CREATE TABLE _cf_KV (k TEXT)")
        let dump = try source.engine.exportSQL()
        #expect(dump.hasPrefix("PRAGMA defer_foreign_keys=TRUE;\n"))
        #expect(!dump.contains("_cf_KV"))
        #expect(!dump.contains("sqlite_sequence"))
        #expect(dump.contains("X'00ff'"))

        let target = try TemporaryD1()
        _ = try await D1SQLRunner.execute(dump, on: target.engine)
        let rows = try await target.db.prepare("SELECT * FROM t").raw(columnNames: true)
        let original = try await source.db.prepare("SELECT * FROM t").raw(columnNames: true)
        #expect(rows == original)
        #expect(try await target.db.prepare("SELECT s FROM v").first(column: "s") == "it's; \"quoted\"\nline")

        let schemaOnly = try source.engine.exportSQL(data: false)
        #expect(!schemaOnly.contains("INSERT"))
        let dataOnly = try source.engine.exportSQL(schema: false)
        #expect(!dataOnly.contains("CREATE"))
        #expect(dataOnly.contains("INSERT INTO \"t\""))
    }
}
