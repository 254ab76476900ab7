public import Foundation
import Outpost
import OutpostSQLite

/// wrangler's D1 migrations for one database: `.sql` files in a directory, recorded in a table.
public struct D1Migrations: Sendable {
    /// The migrations directory (`migrations_dir`).
    public let directory: String
    /// The table that records applied migrations (`migrations_table`).
    public let table: String

    /// Migrations in `directory`, recorded in `table`.
    public init(directory: String, table: String = "d1_migrations") {
        self.directory = directory
        self.table = table
    }

    /// The table name in double quotes, `"` doubled, as wrangler writes it.
    var quotedTable: String { "\"" + table.replacing("\"", with: "\"\"") + "\"" }

    /// wrangler's migrations table DDL.
    public var createTableSQL: String {
        """
        CREATE TABLE IF NOT EXISTS \(quotedTable)(
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            name       TEXT UNIQUE,
            applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
        );
        """
    }

    // MARK: Files

    /// The migration file names in the directory, in wrangler's order (see `ordered`).
    public func files() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return Self.ordered(names.filter { $0.hasSuffix(".sql") })
    }

    /// `names` in wrangler's order: by the leading integer of each path segment (numbered before
    /// unnumbered), ties and unnumbered segments lexicographically — `1_a, 9_b, 10_c, z`.
    public static func ordered(_ names: [String]) -> [String] {
        names.sorted { precedes($0, $1) }
    }

    static func precedes(_ left: String, _ right: String) -> Bool {
        let leftParts = left.split(separator: "/", omittingEmptySubsequences: false)
        let rightParts = right.split(separator: "/", omittingEmptySubsequences: false)
        for (a, b) in zip(leftParts, rightParts) where a != b {
            switch (leadingNumber(a), leadingNumber(b)) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a < b
            }
        }
        return leftParts.count < rightParts.count
    }

    /// The integer a name starts with, if any (`0003_add.sql` → 3).
    static func leadingNumber(_ name: Substring) -> Int? {
        Int(name.prefix { $0.isASCII && $0.isNumber })
    }

    /// Creates the next migration file for `message` (`NNNN_message_with_underscores.sql`, numbered after
    /// the highest existing one, first `0001`) with wrangler's header, and returns its path.
    public func create(message: String, now: Date = Date()) throws -> String {
        guard !message.contains("/"), !message.contains("\\") else {
            throw D1CLIError("The migration name must not contain \"/\" or \"\\\" characters: \(message)")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let highest = names.compactMap { Self.leadingNumber(Substring($0)) }.max() ?? 0
        let number = String(highest + 1)
        let padded = String(repeating: "0", count: max(0, 4 - number.count)) + number
        let name = "\(padded)_\(message.replacing(" ", with: "_")).sql"
        let path = directory + "/" + name
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let header = "-- Migration number: \(padded) \t \(formatter.string(from: now))\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(header.utf8)) else {
            throw D1CLIError("could not create \(path)")
        }
        return path
    }

    // MARK: Database

    /// The names recorded as applied, in application order (creating the table if needed).
    public func applied(on engine: any D1CLIDatabase) throws -> [String] {
        _ = try engine.run([D1Query(sql: createTableSQL)])
        let result = try engine.run([D1Query(sql: "SELECT * FROM \(quotedTable) ORDER BY id")])
        guard let rows = result.results.first else { return [] }
        let nameIndex = rows.columns.firstIndex(of: "name") ?? 1
        return rows.rows.compactMap { row in
            if case .text(let name) = row[nameIndex] { return name }
            return nil
        }
    }

    /// The files not yet applied, in order.
    public func unapplied(on engine: any D1CLIDatabase) throws -> [String] {
        let done = Set(try applied(on: engine))
        return files().filter { !done.contains($0) }
    }

    /// The SQL wrangler runs for migration `name`: its file, then the insert recording it.
    public func sql(for name: String) throws -> String {
        let contents = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        let escaped = name.replacing("'", with: "''")
        return contents + "\nINSERT INTO \(quotedTable) (name)\nvalues ('\(escaped)');"
    }

    /// What `apply` did: each attempted migration with its outcome, and the first failure.
    public struct ApplyReport: Sendable {
        /// `(name, applied?)` for each migration attempted, in order.
        public var outcomes: [(name: String, applied: Bool)] = []
        /// The failing migration's error, if one failed (later ones were not attempted).
        public var failure: String?
    }

    /// Applies every unapplied migration in order, each as one atomic batch (its statements and the
    /// recording insert), stopping at the first failure; earlier migrations stay applied.
    public func apply(on engine: any D1CLIDatabase) throws -> ApplyReport {
        var report = ApplyReport()
        for name in try unapplied(on: engine) {
            do {
                _ = try D1SQLRunner.execute(try sql(for: name), on: engine)
                report.outcomes.append((name, true))
            } catch {
                report.outcomes.append((name, false))
                report.failure = String(describing: error)
                break
            }
        }
        return report
    }
}
