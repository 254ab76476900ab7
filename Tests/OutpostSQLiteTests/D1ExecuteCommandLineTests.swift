import Foundation
import Outpost
import OutpostSQLite
import Testing

/// `d1 execute` through the real executable in temporary project folders, against wrangler's own
/// behaviour (packages/wrangler/src/d1/execute.ts and its tests): flags, messages, `--json` errors,
/// and what ends up in the SQLite file.
@Suite struct D1ExecuteCommandLineTests {
    static let persistRule =
        "Cannot use --persist-to without --local. The --persist-to flag specifies a local persistence directory, "
        + "which requires the --local flag. Remove --persist-to or add --local."
    static let previewRule =
        "Cannot use --preview without --remote. The --preview flag targets a preview D1 database, which requires the "
        + "--remote flag. Remove --preview or add --remote."
    static let binaryFile =
        "Provided file is a binary SQLite database file instead of an SQL text file. The execute command can only "
        + "process SQL text files. Please export an SQL file from your SQLite database and try again."
    static let missingInput =
        "Missing required option --command or --file. Provide a SQL command inline with --command=\"<SQL>\", or a "
        + "path to a SQL file with --file=<path>."

    static func jsonError(_ text: String) -> String {
        let escaped = text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
        return "{\n  \"error\": {\n    \"text\": \"\(escaped)\"\n  }\n}\n"
    }

    /// Arguments after `d1 execute`, and the exact stderr (plain) or stdout (`--json`) of the failure.
    @Test(arguments: [
        (["DB"], "Error: \(missingInput)\n", false),
        (
            ["DB", "--command", "SELECT 1", "--file", "q.sql"], "Error: can't provide both --command and --file.\n",
            false
        ),
        (
            ["DB", "--command", "SELECT 1", "--file", "q.sql", "--json"],
            "\"Error: can't provide both --command and --file.\"\n", true
        ),
        (
            ["DB", "--command", "select;", "--local", "--remote"],
            "Error: can't use --local and --remote at the same time\n", false
        ),
        (["DB", "--command", "select;", "--local", "--preview"], "Error: \(previewRule)\n", false),
        (["DB", "--command", "select;", "--local", "--preview", "--json"], jsonError(previewRule), true),
        (["DB", "--command", "SELECT 1", "--persist-to", "state"], "Error: \(persistRule)\n", false),
        (
            ["DB", "--command", "SELECT 1", "--remote"],
            "Error: Outpost has no remote D1 databases: its d1 commands always act on the database its own backend "
                + "holds (the one the server uses). Run the command without --remote (and without --preview).\n",
            false
        ),
        (
            ["DB", "--file", "missing.sql", "--local", "--json"],
            jsonError("Unable to read SQL text file \"missing.sql\". Please check the file path and try again."), true
        ),
        (
            ["DB", "--file", "missing.sql"],
            "Error: Unable to read SQL text file \"missing.sql\". Please check the file path and try again.\n", false
        ),
        (["DB", "--file", "db.sqlite3", "--local", "--json"], jsonError(binaryFile), true),
        (["DB", "--file", "db.sqlite3"], "Error: \(binaryFile)\n", false),
        (
            ["nope", "--command", "SELECT 1"],
            "Error: Couldn't find a D1 DB with the name or binding 'nope' in your wrangler.toml file.\n", false
        ),
        (["DB", "--command", "SELECT * FROM nope"], "Error: no such table: nope: SQLITE_ERROR\n", false),
        (["DB", "--command", "SELECT * FROM nope", "--json"], jsonError("no such table: nope: SQLITE_ERROR"), true),
        (
            ["DB", "--file", "two-transactions.sql"],
            "Error: Wrangler could not process the provided SQL file, as it contains several transactions.\nD1 runs "
                + "your SQL in a transaction for you.\nPlease export an SQL file from your SQLite database and try again.\n",
            false
        ),
    ])
    func failuresAreWrangler(arguments: [String], expected: String, json: Bool) throws {
        let project = try CLIProject()
        try project.write("q.sql", "SELECT 1;")
        try project.write(
            "two-transactions.sql", "BEGIN TRANSACTION;\nSELECT 1;\nCOMMIT;\nBEGIN TRANSACTION;\nCOMMIT;\n")
        _ = try SQLiteConnection(path: project.directory + "/db.sqlite3").execute("CREATE TABLE x (a)")
        let run = try project.d1(["execute"] + arguments)
        #expect(run.code == 1)
        #expect((json ? run.stdout : run.stderr) == expected)
        #expect((json ? run.stderr : run.stdout) == "")
    }

    @Test func noConfigFileIsReportedOnceInWranglersWords() throws {
        let project = try CLIProject(config: nil)
        let run = try project.d1(["execute", "DB", "--command", "SELECT 1"])
        #expect(run.code == 1)
        #expect(
            run.stderr
                == "Error: Couldn't find a D1 DB with the name or binding 'DB' in your Wrangler configuration file.\n")
    }

    @Test(arguments: [[], ["--local"], ["--local", "--persist-to", "elsewhere"], ["-y"]])
    func localIsAcceptedAndIsTheDefault(extra: [String]) throws {
        let project = try CLIProject()
        let run = try project.d1(
            ["execute", "main-db", "--command", "CREATE TABLE t (a); INSERT INTO t VALUES (1)"] + extra)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("🚣 2 commands executed successfully."))
        let stateDir = extra.contains("elsewhere") ? "elsewhere" : ".outpost/state"
        #expect(try project.query("SELECT a FROM t", stateDir: stateDir) == [[.integer(1)]])
    }

    /// The CRLF round trip: structural CRLFs become LF (the stored schema shows it), CRLFs inside quotes
    /// and bracketed or backticked identifiers are stored byte for byte, trigger bodies are not split.
    @Test func crlfInsideQuotesIsStoredByteForByte() throws {
        let project = try CLIProject()
        let sql = [
            "CREATE TABLE t (\r\n  v TEXT,\r\n  [c\r\nd] TEXT,\r\n  `e\r\nf` TEXT\r\n);",
            "CREATE TABLE log (m TEXT);",
            "CREATE TRIGGER tr AFTER INSERT ON t\r\nBEGIN\r\n  INSERT INTO log VALUES ('in\r\nside; the trigger');\r\nEND;",
            "INSERT INTO t (v) VALUES ('a\r\nb'), ('-- not a comment'), ('/* nor; this */');",
            "-- a comment\r\n/* and\r\nanother */",
            "",
        ].joined(separator: "\r\n")
        try project.write("crlf.sql", sql)
        let run = try project.d1(["execute", "DB", "--file", "crlf.sql"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("🚣 4 commands executed successfully."))
        let values = try project.query("SELECT CAST(v AS BLOB) FROM t ORDER BY rowid")
        #expect(
            values == [
                [.blob(Array("a\r\nb".utf8))], [.blob(Array("-- not a comment".utf8))],
                [.blob(Array("/* nor; this */".utf8))],
            ])
        #expect(
            try project.query("SELECT CAST(m AS BLOB) FROM log")
                == Array(
                    repeating: [.blob(Array("in\r\nside; the trigger".utf8))], count: 3))
        #expect(
            try project.query("SELECT name FROM pragma_table_info('t')") == [
                [.text("v")], [.text("c\r\nd")], [.text("e\r\nf")],
            ])
        #expect(
            try project.query("SELECT sql FROM sqlite_master WHERE name = 't'") == [
                [.text("CREATE TABLE t (\n  v TEXT,\n  [c\r\nd] TEXT,\n  `e\r\nf` TEXT\n)")]
            ])
        #expect(
            try project.query("SELECT sql FROM sqlite_master WHERE name = 'tr'") == [
                [
                    .text(
                        "CREATE TRIGGER tr AFTER INSERT ON t\nBEGIN\n  INSERT INTO log VALUES ('in\r\nside; the trigger');\nEND"
                    )
                ]
            ])
    }

    @Test(arguments: ["-- only a comment\n", "-- one;\r\n/* two; */\r\n-- three;\r\n", "\n\n"])
    func aFileOfCommentsRunsNothing(contents: String) throws {
        let project = try CLIProject()
        try project.write("comments.sql", contents)
        let run = try project.d1(["execute", "DB", "--file", "comments.sql", "--json"])
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout == "[]\n")
    }

    @Test func dumpTransactionIsStrippedAndTheFileRunsAtomically() throws {
        let project = try CLIProject()
        try project.write(
            "dump.sql",
            "PRAGMA foreign_keys=OFF;\r\nBEGIN TRANSACTION;\r\nCREATE TABLE t (a);\r\nINSERT INTO t VALUES(1);\r\nCOMMIT;\r\n"
        )
        #expect(try project.d1(["execute", "DB", "--file", "dump.sql"]).code == 0)
        try project.write("bad.sql", "INSERT INTO t VALUES (2);\nINSERT INTO missing VALUES (3);\n")
        let bad = try project.d1(["execute", "DB", "--file", "bad.sql"])
        #expect(bad.code == 1)
        #expect(bad.stderr == "Error: no such table: missing: SQLITE_ERROR\n")
        #expect(try project.query("SELECT a FROM t") == [[.integer(1)]])
    }

    /// `d1 export` takes `--local` (the default) and refuses `--remote`; both together are yargs'
    /// conflict, as in wrangler.
    @Test func exportAcceptsLocalAndRefusesRemote() throws {
        let project = try CLIProject()
        #expect(
            try project.d1(["execute", "DB", "--command", "CREATE TABLE t (a); INSERT INTO t VALUES (1)"]).code == 0)
        let local = try project.d1(["export", "DB", "--local"])
        #expect(local.code == 0, "\(local.stderr)")
        #expect(local.stdout.contains("INSERT INTO \"t\" (\"a\") VALUES(1);"))
        let remote = try project.d1(["export", "DB", "--remote"])
        #expect(remote.code == 1)
        #expect(remote.stderr.hasPrefix("Error: Outpost has no remote D1 databases: "))
        let both = try project.d1(["export", "DB", "--local", "--remote"])
        #expect(both.stderr == "Error: Arguments local and remote are mutually exclusive\n")
    }

    @Test func jsonResultsHaveWranglersShape() throws {
        let project = try CLIProject()
        let run = try project.d1(["execute", "DB", "--command", "SELECT 1 AS id, NULL AS name;", "--json"])
        #expect(run.code == 0)
        #expect(
            run.stdout.hasPrefix("[\n  {\n    \"results\": [\n      {\n        \"id\": 1,\n        \"name\": null\n"))
    }
}
