import OutpostSQLite
import Testing

/// wrangler's `splitSqlQuery`, `trimSqlQuery` and `normalizeSqlLineEndings`, checked with the cases of
/// wrangler's own tests (packages/wrangler/src/__tests__/d1/splitter.test.ts and trimmer.test.ts) as
/// data, plus Outpost's earlier cases updated to wrangler's behaviour (comments are removed when a
/// text is split; a single statement is left exactly as written).
@Suite struct SQLSplitterTests {
    @Test(arguments: [
        // wrangler: "should trim a regular old sqlite dump"
        (
            "PRAGMA foreign_keys=OFF;\n\t\tBEGIN TRANSACTION;\n\t\tCREATE TABLE d1_kv (key TEXT PRIMARY KEY, value TEXT "
                + "NOT NULL);\n\t\tINSERT INTO d1_kv VALUES(1,'Alfreds Futterkiste');\n\t\tCOMMIT;",
            [
                "PRAGMA foreign_keys=OFF", "CREATE TABLE d1_kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                "INSERT INTO d1_kv VALUES(1,'Alfreds Futterkiste')",
            ]
        ),
        // "should return original SQL if there are no real statements"
        (";;;", [";;;"]),
        // "should not split single statements" (whitespace kept as written)
        ("SELECT * FROM my_table", ["SELECT * FROM my_table"]),
        ("SELECT * FROM my_table WHERE id = 42;", ["SELECT * FROM my_table WHERE id = 42;"]),
        (
            "\n      SELECT * FROM my_table WHERE id = 42;\n    ",
            ["\n      SELECT * FROM my_table WHERE id = 42;\n    "]
        ),
        ("  SELECT 1;  ", ["  SELECT 1;  "]),
        ("-- only a comment\n", ["-- only a comment\n"]),
        // "should handle strings"
        (
            "\n      SELECT * FROM my_table WHERE val = \"foo;bar\";\n    ",
            ["SELECT * FROM my_table WHERE val = \"foo;bar\""]
        ),
        // "should handle inline comments"
        (
            "SELECT * FROM my_table -- semicolons; in; comments; don't count;\n        WHERE val = 'foo;bar'\n"
                + "        AND \"col;name\" = `other;col`; -- or identifiers (Postgres or MySQL style)",
            ["SELECT * FROM my_table \n        WHERE val = 'foo;bar'\n        AND \"col;name\" = `other;col`"]
        ),
        // "should handle block comments"
        (
            "/****\n        * Block comments are ignored;\n        ****/\n\t\t\tSELECT * FROM my_table /* semicolons; "
                + "in; comments; don't count; */\n        WHERE val = 'foo;bar' AND count / 2 > 0",
            ["SELECT * FROM my_table \n        WHERE val = 'foo;bar' AND count / 2 > 0"]
        ),
        // "should split multiple statements"
        (
            "\n        INSERT INTO my_table (id, value) VALUES (42, 'foo');\n        SELECT * FROM my_table WHERE id = "
                + "42 - 10;\n      ",
            ["INSERT INTO my_table (id, value) VALUES (42, 'foo')", "SELECT * FROM my_table WHERE id = 42 - 10"]
        ),
        // "should ignore comment at the end"
        (
            "\n\t\t-- This is a comment\n        SELECT * FROM my_table WHERE id = 42 - 10;\n\t\t-- This is a comment\n",
            ["SELECT * FROM my_table WHERE id = 42 - 10"]
        ),
        // "should handle whitespace between statements"
        (
            "\n  CREATE TYPE c AS ENUM('USD', 'GBP');\n\n  CREATE TYPE m AS (\n    value NUMERIC(1000, 2),\n    "
                + "description TEXT\n  );\n",
            [
                "CREATE TYPE c AS ENUM('USD', 'GBP')",
                "CREATE TYPE m AS (\n    value NUMERIC(1000, 2),\n    description TEXT\n  )",
            ]
        ),
        // "should handle $...$ style string markers"
        (
            "\n  CREATE OR REPLACE FUNCTION f()\n  RETURNS TRIGGER AS $$\n  BEGIN\n      NEW.updated_at = now();\n"
                + "      RETURN NEW;\n  END;\n  $$ language 'plpgsql';\n  CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH "
                + "ROW EXECUTE PROCEDURE f();\n",
            [
                "CREATE OR REPLACE FUNCTION f()\n  RETURNS TRIGGER AS $$\n  BEGIN\n      NEW.updated_at = now();\n"
                    + "      RETURN NEW;\n  END;\n  $$ language 'plpgsql'",
                "CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE PROCEDURE f()",
            ]
        ),
        (
            "$SomeTag$Dianne's$WrongTag$;$some non tag an$identifier;; horse$SomeTag$;$SomeTag$Dianne's horse$SomeTag$",
            [
                "$SomeTag$Dianne's$WrongTag$;$some non tag an$identifier;; horse$SomeTag$",
                "$SomeTag$Dianne's horse$SomeTag$",
            ]
        ),
        // "should handle compound statements for BEGINs" and "a lowercase end"
        (
            "\n    CREATE TRIGGER IF NOT EXISTS update_trigger AFTER UPDATE ON items\n    BEGIN\n        DELETE FROM "
                + "updates WHERE item_id=old.id;\n    END;\n    CREATE TRIGGER IF NOT EXISTS u2 AFTER UPDATE ON actors\n"
                + "    begin\n        DELETE FROM search_fts WHERE rowid=old.rowid;\n        INSERT INTO search_fts "
                + "(rowid, name) VALUES (new.rowid, json_extract(new.properties, '$.name'));\n    end;\n    CREATE TABLE "
                + "after_the_trigger (id TEXT PRIMARY KEY);",
            [
                "CREATE TRIGGER IF NOT EXISTS update_trigger AFTER UPDATE ON items\n    BEGIN\n        DELETE FROM "
                    + "updates WHERE item_id=old.id;\n    END",
                "CREATE TRIGGER IF NOT EXISTS u2 AFTER UPDATE ON actors\n    begin\n        DELETE FROM search_fts "
                    + "WHERE rowid=old.rowid;\n        INSERT INTO search_fts (rowid, name) VALUES (new.rowid, "
                    + "json_extract(new.properties, '$.name'));\n    end",
                "CREATE TABLE after_the_trigger (id TEXT PRIMARY KEY)",
            ]
        ),
        // "should handle compound statements for CASEs"
        (
            "\n\tCREATE TRIGGER a AFTER\n\tINSERT ON test BEGIN\n\tSELECT CASE\n\t\tWHEN NOT EXISTS (SELECT 1) THEN "
                + "RAISE (ABORT, 'Exception, table does not exist')\n\tEND ; END ;\n\n\tCREATE TRIGGER b AFTER\n\tINSERT "
                + "ON test BEGIN\n\tSELECT case\n\t\tWHEN 1 THEN 2\n\tEND ; END ;",
            [
                "CREATE TRIGGER a AFTER\n\tINSERT ON test BEGIN\n\tSELECT CASE\n\t\tWHEN NOT EXISTS (SELECT 1) THEN "
                    + "RAISE (ABORT, 'Exception, table does not exist')\n\tEND ; END",
                "CREATE TRIGGER b AFTER\n\tINSERT ON test BEGIN\n\tSELECT case\n\t\tWHEN 1 THEN 2\n\tEND ; END",
            ]
        ),
        // Outpost's earlier cases.
        ("SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"]),
        ("SELECT 'it''s; fine'; SELECT 2", ["SELECT 'it''s; fine'", "SELECT 2"]),
        ("-- a; b\nSELECT 1; /* c; d */ SELECT 2", ["SELECT 1", "SELECT 2"]),
        (
            "SELECT '-- not; a comment', \"/* nor; this */\"; SELECT 2",
            ["SELECT '-- not; a comment', \"/* nor; this */\"", "SELECT 2"]
        ),
        ("SELECT 1 - 2; SELECT 4 / 2", ["SELECT 1 - 2", "SELECT 4 / 2"]),
        (
            "SELECT CASE WHEN a = ';' THEN 1 END FROM t; SELECT 2",
            ["SELECT CASE WHEN a = ';' THEN 1 END FROM t", "SELECT 2"]
        ),
        (
            "BEGIN TRANSACTION;\nCREATE TABLE t (a);\nINSERT INTO t VALUES (1);\nCOMMIT;\n",
            ["CREATE TABLE t (a)", "INSERT INTO t VALUES (1)"]
        ),
        (";;; SELECT 1;;", ["SELECT 1"]),
        ("-- one;\n-- two;\n", ["-- one;\n-- two;\n"]),
        // CRLF: structural line endings become LF, quoted ones stay.
        (
            "PRAGMA foreign_keys=OFF;\r\nBEGIN TRANSACTION;\r\nSELECT 1;\r\nCOMMIT;",
            ["PRAGMA foreign_keys=OFF", "SELECT 1"]
        ),
        (
            "INSERT INTO t VALUES ('a\r\nb');\r\nSELECT \"c\r\nd\";\r\n",
            ["INSERT INTO t VALUES ('a\r\nb')", "SELECT \"c\r\nd\""]
        ),
        ("SELECT 1;\r\n-- note\r\nSELECT 2;", ["SELECT 1", "SELECT 2"]),
    ])
    func splitsLikeWrangler(sql: String, expected: [String]) throws {
        #expect(try SQLSplitter.statements(sql) == expected)
    }

    @Test(arguments: [
        // wrangler: "should preserve CRLF inside quoted SQL values and identifiers"
        (
            "SELECT 'single''quote\r\nvalue', \"double\r\nquote\", `backtick\r\nquote`, [bracket\r\nquote]; -- don't stop "
                + "scanning\r\n/* block\r\ncomment */\r\nSELECT 1;",
            "SELECT 'single''quote\r\nvalue', \"double\r\nquote\", `backtick\r\nquote`, [bracket\r\nquote]; -- don't stop "
                + "scanning\n/* block\ncomment */\nSELECT 1;"
        ),
        // wrangler: "should preserve quoted CRLF when normalizing commands sent to the remote query API"
        (
            "CREATE TRIGGER trg BEFORE DELETE ON probe_z\r\nBEGIN\r\n  SELECT RAISE(ABORT, 'no\r\nchange');\r\nEND;",
            "CREATE TRIGGER trg BEFORE DELETE ON probe_z\nBEGIN\n  SELECT RAISE(ABORT, 'no\r\nchange');\nEND;"
        ),
        // Dollar-quoted strings keep their bytes; a lone `$` (a parameter) does not start one.
        ("SELECT $tag$a\r\nb$tag$;\r\nSELECT $$c\r\n$$;\r\n", "SELECT $tag$a\r\nb$tag$;\nSELECT $$c\r\n$$;\n"),
        ("SELECT $1\r\n", "SELECT $1\n"),
        ("no carriage return", "no carriage return"),
        ("lone\rCR", "lone\rCR"),
    ])
    func normalizesLineEndingsOutsideQuotes(sql: String, expected: String) {
        #expect(Array(SQLLineEndings.normalize(sql).utf8) == Array(expected.utf8))
    }

    @Test(arguments: [
        ("SELECT * FROM my_table", false),
        ("SELECT * FROM my_table WHERE id = 42;", false),
        ("SELECT * FROM my_table WHERE id = 42;   ", false),
        ("SELECT * FROM my_table WHERE val = \"foo;bar\";", true),
        (
            "\n      INSERT INTO my_table (id, value) VALUES (42, 'foo');\n      SELECT * FROM my_table WHERE id = 42;\n",
            true
        ),
    ])
    func detectsSeveralStatements(sql: String, expected: Bool) {
        #expect(SQLSplitter.mayContainMultipleStatements(sql) == expected)
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
        #expect(statements.count == 20_000)
        #expect(statements.last == "INSERT INTO t VALUES (1, 'a;b', \"c\")")
        #expect(SQLSplitter.isCommentOnly("-- note\n"))
        #expect(elapsed < .seconds(10))
    }
}
