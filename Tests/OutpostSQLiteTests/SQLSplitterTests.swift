import OutpostSQLite
import Testing

@Suite struct SQLSplitterTests {
    @Test(arguments: [
        ("SELECT 1", ["SELECT 1"]),
        ("  SELECT 1;  ", ["SELECT 1;"]),
        ("SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"]),
        (
            "INSERT INTO t VALUES ('a;b'); SELECT \"x;y\", `p;q`",
            ["INSERT INTO t VALUES ('a;b')", "SELECT \"x;y\", `p;q`"]
        ),
        ("SELECT 'it''s; fine'; SELECT 2", ["SELECT 'it''s; fine'", "SELECT 2"]),
        ("-- a; b\nSELECT 1; /* c; d */ SELECT 2", ["-- a; b\nSELECT 1", "/* c; d */ SELECT 2"]),
        ("SELECT 1 - 2; SELECT 4 / 2", ["SELECT 1 - 2", "SELECT 4 / 2"]),
        (
            "SELECT $tag$ a;b $tag$; SELECT $$ c;d $$; SELECT 3",
            ["SELECT $tag$ a;b $tag$", "SELECT $$ c;d $$", "SELECT 3"]
        ),
        (
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; DELETE FROM u; END; SELECT 1",
            ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; DELETE FROM u; END", "SELECT 1"]
        ),
        (
            "create trigger tr after insert on t begin\n  delete from u;\nend;\nselect 1;",
            ["create trigger tr after insert on t begin\n  delete from u;\nend", "select 1"]
        ),
        (
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN 1 THEN 2 ELSE 3 END; END; SELECT 2",
            [
                "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN 1 THEN 2 ELSE 3 END; END",
                "SELECT 2",
            ]
        ),
        (
            "SELECT CASE WHEN a = ';' THEN 1 END FROM t; SELECT 2",
            ["SELECT CASE WHEN a = ';' THEN 1 END FROM t", "SELECT 2"]
        ),
        (
            "BEGIN TRANSACTION;\nCREATE TABLE t (a);\nINSERT INTO t VALUES (1);\nCOMMIT;\n",
            ["CREATE TABLE t (a)", "INSERT INTO t VALUES (1)"]
        ),
        (
            "PRAGMA foreign_keys=OFF;\r\nBEGIN TRANSACTION;\r\nSELECT 1;\r\nCOMMIT;",
            ["PRAGMA foreign_keys=OFF", "SELECT 1"]
        ),
        (";;; SELECT 1;;", ["SELECT 1"]),
    ])
    func splitsLikeWrangler(sql: String, expected: [String]) throws {
        #expect(try SQLSplitter.statements(sql) == expected)
    }

    @Test func severalTransactionsAreRefused() {
        let sql = "BEGIN TRANSACTION;\nSELECT 1;\nCOMMIT;\nBEGIN TRANSACTION;\nSELECT 2;\nCOMMIT;"
        #expect(throws: SQLSplitter.SeveralTransactionsError.self) { try SQLSplitter.statements(sql) }
        #expect(
            SQLSplitter.SeveralTransactionsError().description
                == "Wrangler could not process the provided SQL file, as it contains several transactions.\nD1 runs your SQL in a transaction for you.\nPlease export an SQL file from your SQLite database and try again."
        )
    }

    @Test func largeFilesSplitInLinearTime() throws {
        let sql = String(repeating: "INSERT INTO t VALUES (1, 'a;b', \"c\"); -- note\n", count: 20_000)
        let clock = ContinuousClock()
        var statements: [String] = []
        let elapsed = try clock.measure { statements = try SQLSplitter.statements(sql) }
        #expect(statements.count == 20_001)
        #expect(statements.last == "-- note")
        #expect(SQLSplitter.isCommentOnly(statements.last ?? ""))
        #expect(elapsed < .seconds(10))
    }
}
