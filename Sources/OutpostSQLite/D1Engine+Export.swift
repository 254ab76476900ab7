public import Outpost

extension D1Engine {
    /// A SQL dump of the database: `PRAGMA defer_foreign_keys=TRUE;`, then each table's `CREATE` and
    /// its rows as `INSERT`s, then indexes, triggers and views. SQLite's and workerd's internal tables
    /// (`sqlite_*`, `_cf_*`) are left out. `tables` limits the dump to those tables (all when empty).
    ///
    /// Equivalent: `wrangler d1 export --local [--no-schema] [--no-data] [--table]`.
    public func exportSQL(schema: Bool = true, data: Bool = true, tables: [String] = []) throws(D1Error) -> String {
        try withConnection(writer: false) { connection, authorizer throws(D1Error) -> String in
            try trusted(authorizer) { () throws(SQLiteError) -> String in
                try connection.execute("BEGIN")
                defer { try? connection.execute("COMMIT") }
                return try Self.dump(connection, schema: schema, data: data, tables: Set(tables))
            }
        }
    }

    private static func dump(_ connection: SQLiteConnection, schema: Bool, data: Bool, tables: Set<String>)
        throws(SQLiteError) -> String
    {
        let objects = try connection.query(
            """
            SELECT type, name, tbl_name, sql FROM sqlite_schema
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'
            ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, rowid
            """)
        var lines = ["PRAGMA defer_foreign_keys=TRUE;"]
        for object in objects {
            guard case .text(let type) = object[0], case .text(let name) = object[1],
                case .text(let table) = object[2], case .text(let sql) = object[3]
            else { continue }
            if !tables.isEmpty, !tables.contains(table) { continue }
            if schema { lines.append(sql + ";") }
            guard data, type == "table", !sql.uppercased().hasPrefix("CREATE VIRTUAL") else { continue }
            let quoted = D1SQLText.quoteIdentifier(name)
            let statement = try connection.prepare("SELECT * FROM \(quoted)")
            let columns = statement.columnNames.map(D1SQLText.quoteIdentifier).joined(separator: ",")
            for row in try statement.allRows() {
                let values = row.map(literal).joined(separator: ",")
                lines.append("INSERT INTO \(quoted) (\(columns)) VALUES(\(values));")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `value` as a SQL literal.
    static func literal(_ value: D1Value) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let number): return String(number)
        case .real(let number):
            guard number.isFinite else { return number.isNaN ? "NULL" : (number < 0 ? "-1e999" : "1e999") }
            return "\(number)"
        case .text(let text): return "'" + text.replacing("'", with: "''") + "'"
        case .blob(let bytes):
            let digits = Array("0123456789abcdef")
            var hex = ""
            hex.reserveCapacity(bytes.count * 2)
            for byte in bytes {
                hex.append(digits[Int(byte >> 4)])
                hex.append(digits[Int(byte & 0xF)])
            }
            return "X'" + hex + "'"
        }
    }
}
