import Foundation
import Outpost
import OutpostSQLite
import Testing

@Suite struct D1EngineTests {
    @Test(arguments: D1Backend.allCases) func insertMetaHasEveryField(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        try await db.prepare("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)").run()
        let result = try await db.prepare("INSERT INTO t (name) VALUES (?)").bind("a").run()
        #expect(result.success)
        #expect(result.results.isEmpty)
        #expect(result.meta.servedBy == "miniflare.db")
        #expect(result.meta.duration >= 0)
        #expect(result.meta.changes == 1)
        #expect(result.meta.lastRowID == 1)
        #expect(result.meta.changedDB)
        #expect(result.meta.sizeAfter > 0)
        #expect(result.meta.rowsWritten == 1)
        let keys = result.meta.json.objectValue?.keys
        #expect(
            keys == [
                "served_by", "duration", "changes", "last_row_id", "changed_db", "size_after", "rows_read",
                "rows_written",
            ])
        #expect(result.json.objectValue?.keys == ["success", "meta", "results"])
    }

    @Test(arguments: D1Backend.allCases) func selectMetaReportsNoChangeAndLastRowID(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        try await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
        try await db.prepare("INSERT INTO t (name) VALUES ('a'), ('b'), ('c')").run()
        let result = try await db.prepare("SELECT * FROM t").all()
        #expect(result.meta.changes == 0)
        #expect(!result.meta.changedDB)
        #expect(result.meta.lastRowID == 3)
        #expect(result.meta.rowsRead == 3)
        #expect(result.meta.rowsWritten == 0)
        #expect(result.results.count == 3)
    }

    /// D1 reports the last statement's rows read and written for a query of several statements
    /// (the sums were reported before: 1 + 2 written, then 4 + 4 read and 1 + 0 written).
    @Test(arguments: D1Backend.allCases) func metaOfSeveralStatementsIsTheLastOnes(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        try await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
        try await db.prepare("INSERT INTO t (name) VALUES ('a'), ('b'), ('c')").run()
        let write = try await db.prepare("INSERT INTO t (name) VALUES ('d'); UPDATE t SET name = 'x' WHERE id < 3")
            .run()
        #expect(write.meta.rowsWritten == 2)
        #expect(write.meta.changes == 3)
        let read = try await db.prepare("UPDATE t SET name = 'y' WHERE name = 'd'; SELECT * FROM t").all()
        #expect(read.meta.rowsWritten == 0)
        #expect(read.meta.rowsRead == 4)
        #expect(read.results.count == 4)
    }

    @Test(arguments: D1Backend.allCases) func rowsKeepColumnOrder(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let row = try await temp.db.prepare("SELECT 3 AS z, 'x' AS a, NULL AS m, 1.5 AS b").first()
        #expect(row?.keys == ["z", "a", "m", "b"])
        #expect(row == ["z": 3, "a": "x", "m": nil, "b": 1.5])
    }

    @Test(arguments: D1Backend.allCases) func firstReturnsNilWithoutRowsAndStillRuns(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        try await db.exec("CREATE TABLE t (a INTEGER)")
        #expect(try await db.prepare("SELECT * FROM t").first() == nil)
        #expect(try await db.prepare("INSERT INTO t VALUES (1)").first() == nil)
        #expect(try await db.prepare("SELECT count(*) AS n FROM t").first(column: "n") == 1)
    }

    @Test(arguments: D1Backend.allCases) func firstColumn(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        #expect(try await db.prepare("SELECT NULL AS a").first(column: "a") == .null)
        #expect(try await db.prepare("SELECT 1 AS a WHERE 0").first(column: "bogus") == nil)
        let error = await d1Error { _ = try await db.prepare("SELECT 1 AS a").first(column: "x") }
        #expect(error?.message == "D1_COLUMN_NOTFOUND: Column not found (x)")
        #expect(error?.cause == "Column not found")
    }

    @Test(arguments: D1Backend.allCases) func rawKeepsDuplicateColumns(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let stmt = temp.db.prepare("SELECT 1 AS a, 2 AS b, 3 AS c, 4 AS c, 5 AS d, 6 AS e")
        let raw = try await stmt.raw(columnNames: true)
        #expect(raw == [["a", "b", "c", "c", "d", "e"], [1, 2, 3, 4, 5, 6]])
        #expect(try await stmt.raw() == [[1, 2, 3, 4, 5, 6]])
        let row = try await stmt.first()
        #expect(row?.keys == ["a", "b", "c", "d", "e"])
        #expect(row?["c"] == 4)
        let empty = try await temp.db.prepare("SELECT 1 AS a, 2 AS b WHERE 0").raw(columnNames: true)
        #expect(empty == [["a", "b"]])
    }

    @Test(arguments: D1Backend.allCases) func blobRoundTrip(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        try await db.exec("CREATE TABLE files (data BLOB)")
        let bytes: [UInt8] = [0, 87, 97, 255]
        try await db.prepare("INSERT INTO files VALUES (?)").bind(bytes).run()
        try await db.prepare("INSERT INTO files VALUES (?)").bind(Data([1, 2])).run()
        try await db.prepare("INSERT INTO files VALUES (?)").bind(JSONValue.array([3, 4])).run()
        let result = try await db.prepare("SELECT data, typeof(data) AS t FROM files").all()
        #expect(result.rows.map(\.first) == [.blob(bytes), .blob([1, 2]), .blob([3, 4])])
        #expect(result.results.first?["data"] == [0, 87, 97, 255])
        #expect(result.results.allSatisfy { $0["t"] == "blob" })
    }

    @Test(
        arguments: D1Backend.allCases,
        [
            (D1Value.null, "null", JSONValue.null),
            (D1Value.integer(42), "integer", JSONValue.number(42)),
            (D1Value.real(1.5), "real", JSONValue.number(1.5)),
            (D1Value.text("héllo"), "text", JSONValue.string("héllo")),
            (D1Value.blob([1, 2, 3]), "blob", JSONValue.array([1, 2, 3])),
        ])
    func bindTypesRoundTrip(backend: D1Backend, example: (D1Value, String, JSONValue)) async throws {
        let (value, type, json) = example
        let temp = try TemporaryD1(backend)
        let row = try await temp.db.prepare("SELECT ? AS v, typeof(?1) AS t").bind(value).first()
        #expect(row?["v"] == json)
        #expect(row?["t"] == .string(type))
    }

    @Test(arguments: D1Backend.allCases) func swiftValuesBind(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let none: Int? = nil
        let row = try await temp.db.prepare("SELECT ? AS a, ? AS b, ? AS c, ? AS d, ? AS e, ? AS f, typeof(?2) AS tb")
            .bind(true, false, none, 2.5, "s", Int64(7)).first()
        #expect(row == ["a": 1, "b": 0, "c": nil, "d": 2.5, "e": "s", "f": 7, "tb": "integer"])
    }

    @Test(arguments: D1Backend.allCases) func numberedParameters(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let row = try await temp.db.prepare("SELECT ?2 AS b, ?1 AS a, ?2 AS c").bind("x", "y").first()
        #expect(row == ["b": "y", "a": "x", "c": "y"])
    }

    @Test(arguments: D1Backend.allCases) func bindReplacesEarlierValues(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let statement = try temp.db.prepare("SELECT ? AS v").bind(1)
        #expect(try await statement.bind(2).first(column: "v") == 2)
        #expect(try await statement.first(column: "v") == 1)
    }

    @Test(arguments: D1Backend.allCases) func hundredParametersAllowedHundredAndOneRefused(backend: D1Backend)
        async throws
    {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        let hundred = Array(repeating: "?", count: 100).joined(separator: ",")
        let row = try await db.prepare("SELECT \(hundred)").bind(Array(repeating: 1, count: 100)).raw()
        #expect(row.first?.count == 100)
        let error = await d1Error {
            _ = try await db.prepare("SELECT \(hundred),?").bind(Array(repeating: 1, count: 101)).raw()
        }
        #expect(error?.message.hasPrefix("D1_ERROR: too many SQL variables at offset ") == true)
        #expect(error?.message.hasSuffix(": SQLITE_ERROR") == true)
    }

    @Test(
        arguments: D1Backend.allCases,
        [
            ("SELECT * FROM foo", "D1_ERROR: no such table: foo: SQLITE_ERROR"),
            ("PUT 1", "D1_ERROR: near \"PUT\": syntax error at offset 0: SQLITE_ERROR"),
            ("SELECT x FROM t", "D1_ERROR: no such column: x at offset 7: SQLITE_ERROR"),
            ("", "D1_ERROR: No SQL statements detected."),
            ("   \n  ", "D1_ERROR: No SQL statements detected."),
            ("  -- only a comment", "D1_ERROR: No SQL statements detected."),
            ("-- only a comment", "D1_ERROR: SQL code did not contain a statement."),
            ("SELECT ?", "D1_ERROR: Wrong number of parameter bindings for SQL query."),
            (
                "SELECT ?; SELECT 1",
                "D1_ERROR: When executing multiple SQL statements in a single call, only the last statement can have parameters."
            ),
            ("ATTACH DATABASE ':memory:' AS other", "D1_ERROR: not authorized: SQLITE_AUTH"),
            ("PRAGMA journal_mode", "D1_ERROR: not authorized: SQLITE_AUTH"),
            ("PRAGMA journal_mode = DELETE", "D1_ERROR: not authorized: SQLITE_AUTH"),
            ("PRAGMA page_count", "D1_ERROR: not authorized: SQLITE_AUTH"),
            ("PRAGMA page_size = 1024", "D1_ERROR: not authorized: SQLITE_AUTH"),
            ("SELECT * FROM pragma_table_info('t')", "D1_ERROR: not authorized: SQLITE_AUTH"),
            ("CREATE TABLE _cf_KV (k TEXT)", "D1_ERROR: not authorized: SQLITE_AUTH"),
            ("BEGIN TRANSACTION", "D1_ERROR: " + transactionMessage),
            ("BEGIN", "D1_ERROR: " + transactionMessage),
            ("COMMIT", "D1_ERROR: " + transactionMessage),
            ("SAVEPOINT a", "D1_ERROR: " + transactionMessage),
            (
                "SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6",
                "D1_ERROR: too many terms in compound SELECT: SQLITE_ERROR"
            ),
        ])
    func errorsAreWordedAsD1(backend: D1Backend, example: (String, String)) async throws {
        let (sql, message) = example
        let temp = try TemporaryD1(backend)
        try await temp.db.exec("CREATE TABLE t (a INTEGER)")
        let error = await d1Error { _ = try await temp.db.prepare(sql).all() }
        #expect(error?.message == message)
    }

    static let transactionMessage =
        "To execute a transaction, please use the state.storage.transaction() or state.storage.transactionSync() APIs instead of the SQL BEGIN TRANSACTION or SAVEPOINT statements. The JavaScript API is safer because it will automatically roll back on exceptions, and because it interacts correctly with Durable Objects' automatic atomic write coalescing."

    @Test func internalTablesAreRefused() async throws {
        let temp = try TemporaryD1()
        let raw = try SQLiteConnection(path: temp.engine.path)
        try raw.execute("CREATE TABLE _cf_KV (key TEXT PRIMARY KEY, value BLOB)")
        let error = await d1Error { _ = try await temp.db.prepare("SELECT * FROM _cf_KV").all() }
        #expect(error?.message == "D1_ERROR: not authorized: SQLITE_AUTH")
        let write = await d1Error { _ = try await temp.db.prepare("INSERT INTO _cf_KV VALUES ('a', NULL)").run() }
        #expect(write?.message == "D1_ERROR: not authorized: SQLITE_AUTH")
    }

    @Test(
        arguments: D1Backend.allCases,
        [
            "PRAGMA table_list", "PRAGMA table_info(t)", "PRAGMA table_xinfo(t)", "PRAGMA index_list(t)",
            "PRAGMA foreign_key_list(t)", "PRAGMA foreign_key_check", "PRAGMA quick_check", "PRAGMA data_version",
            "PRAGMA page_size", "PRAGMA foreign_keys", "PRAGMA defer_foreign_keys = on",
            "PRAGMA case_sensitive_like = 1",
            "PRAGMA recursive_triggers = off", "PRAGMA optimize",
        ])
    func allowlistedPragmasRun(backend: D1Backend, sql: String) async throws {
        let temp = try TemporaryD1(backend)
        try await temp.db.exec("CREATE TABLE t (a INTEGER PRIMARY KEY)")
        _ = try await temp.db.prepare(sql).all()
    }

    @Test(arguments: D1Backend.allCases) func schemaTablesAreReadable(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        try await temp.db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY)")
        let names = try await temp.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").raw()
        #expect(names == [["users"]])
    }

    @Test(arguments: D1Backend.allCases) func foreignKeysAreOn(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        #expect(try await db.prepare("PRAGMA foreign_keys").first(column: "foreign_keys") == 1)
        try await db.exec(
            "CREATE TABLE parent (id INTEGER PRIMARY KEY);\nCREATE TABLE child (pid INTEGER REFERENCES parent(id));")
        let error = await d1Error { try await db.prepare("INSERT INTO child VALUES (?)").bind(9).run() }
        #expect(
            error?.message
                == "D1_ERROR: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_FOREIGNKEY)"
        )
    }

    @Test(arguments: D1Backend.allCases) func constraintErrorsNameTheExtendedCode(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        try await db.exec("CREATE TABLE t (email TEXT UNIQUE NOT NULL)")
        try await db.prepare("INSERT INTO t VALUES ('a')").run()
        let unique = await d1Error { try await db.prepare("INSERT INTO t VALUES ('a')").run() }
        #expect(
            unique?.message
                == "D1_ERROR: UNIQUE constraint failed: t.email: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)"
        )
        let notNull = await d1Error { try await db.prepare("INSERT INTO t VALUES (NULL)").run() }
        #expect(
            notNull?.message
                == "D1_ERROR: NOT NULL constraint failed: t.email: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_NOTNULL)"
        )
    }

    @Test(arguments: D1Backend.allCases) func multipleStatementsReturnTheLast(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        let result = try await db.prepare(
            "CREATE TABLE m (a INTEGER); INSERT INTO m VALUES (1), (2); SELECT a FROM m WHERE a = ?; -- trailing"
        ).bind(2).all()
        #expect(result.results == [["a": 2]])
        let insert = try await db.prepare("INSERT INTO m VALUES (3); INSERT INTO m VALUES (4), (5)").run()
        #expect(insert.meta.changes == 3)
        #expect(try await db.prepare("SELECT count(*) AS n FROM m").first(column: "n") == 5)
    }

    @Test(arguments: D1Backend.allCases) func batchReturnsOneResultPerStatement(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        try await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        let insert = db.prepare("INSERT INTO t (v) VALUES (?) RETURNING id")
        let results = try await db.batch([
            try insert.bind("a"), try insert.bind("b"), db.prepare("SELECT v FROM t ORDER BY id"),
        ])
        #expect(results.count == 3)
        #expect(results[0].results == [["id": 1]])
        #expect(results[1].meta.lastRowID == 2)
        #expect(results[2].results == [["v": "a"], ["v": "b"]])
    }

    @Test(arguments: D1Backend.allCases) func batchIsAllOrNothing(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        try await db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        let error = await d1Error {
            _ = try await db.batch([
                db.prepare("INSERT INTO t VALUES (1)"), db.prepare("INSERT INTO t VALUES (2)"),
                db.prepare("INSERT INTO t VALUES (1)"),
            ])
        }
        #expect(
            error?.message
                == "D1_ERROR: UNIQUE constraint failed: t.id: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)"
        )
        #expect(try await db.prepare("SELECT count(*) AS n FROM t").first(column: "n") == 0)
        let empty = await d1Error { _ = try await db.batch([]) }
        #expect(empty?.message == "D1_ERROR: No SQL statements detected.")
    }

    @Test(arguments: D1Backend.allCases) func execRunsOneQueryPerLine(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        let result = try await db.exec(
            """

              CREATE TABLE t (a INTEGER);
            INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);

               -- a comment line
            INSERT INTO t VALUES (3)
            """)
        #expect(result.count == 3)
        #expect(result.duration >= 0)
        #expect(try await db.prepare("SELECT count(*) AS n FROM t").first(column: "n") == 3)
    }

    @Test(arguments: D1Backend.allCases) func execErrorQuotesTheFirstLineAndRollsBack(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let db = temp.db
        try await db.exec("CREATE TABLE t (a INTEGER)")
        let error = await d1Error { _ = try await db.exec("INSERT INTO t VALUES (1)\nINSERTZ INTO t VALUES (2)") }
        #expect(
            error?.message
                == "D1_EXEC_ERROR: Error in line 1: INSERT INTO t VALUES (1): near \"INSERTZ\": syntax error at offset 0: SQLITE_ERROR"
        )
        #expect(
            error?.cause
                == "Error in line 1: INSERT INTO t VALUES (1): near \"INSERTZ\": syntax error at offset 0: SQLITE_ERROR"
        )
        #expect(try await db.prepare("SELECT count(*) AS n FROM t").first(column: "n") == 0)
        let multiLine = await d1Error { _ = try await db.exec("CREATE TABLE x (\n id INT\n)") }
        #expect(multiLine?.kind == .exec)
    }

    @Test(arguments: D1Backend.allCases) func dumpFailsAsLocally(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let error = await d1Error { _ = try await temp.db.dump() }
        #expect(error?.message == "D1_DUMP_ERROR: Status + 404")
    }

    @Test(arguments: D1Backend.allCases) func sessionsKeepTheLatestBookmark(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let session = temp.db.withSession()
        #expect(session.getBookmark() == nil)
        #expect(session.constraint == "first-unconstrained")
        try await session.prepare("CREATE TABLE t (a INTEGER)").run()
        let first = try #require(session.getBookmark())
        _ = try await session.batch([session.prepare("INSERT INTO t VALUES (1)")])
        let second = try #require(session.getBookmark())
        #expect(second > first)
        let resumed = temp.db.withSession(second)
        #expect(resumed.getBookmark() == second)
        #expect(temp.db.withSession("first-primary").getBookmark() == nil)
    }

    @Test(arguments: D1Backend.allCases) func decodableRows(backend: D1Backend) async throws {
        struct Greeting: Decodable, Equatable {
            let id: Int
            let message: String
        }
        let temp = try TemporaryD1(backend)
        let db = temp.db
        try await db.exec(
            "CREATE TABLE g (id INTEGER PRIMARY KEY, message TEXT)\nINSERT INTO g (message) VALUES ('hi')")
        #expect(try await db.prepare("SELECT * FROM g").all(as: Greeting.self) == [Greeting(id: 1, message: "hi")])
        #expect(try await db.prepare("SELECT * FROM g").first(as: Greeting.self) == Greeting(id: 1, message: "hi"))
    }

    @Test(arguments: D1Backend.allCases) func concurrentWritersNeverSeeBusy(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let other = try temp.secondStorage()
        try await temp.db.exec("CREATE TABLE hits (id INTEGER PRIMARY KEY, task INTEGER, n INTEGER)")
        let engines = [temp.storage, other]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                let db = D1Database(storage: engines[task % 2])
                group.addTask {
                    for n in 0..<200 {
                        try await db.prepare("INSERT INTO hits (task, n) VALUES (?, ?)").bind(task, n).run()
                        if n % 50 == 0 { _ = try await db.prepare("SELECT count(*) FROM hits").raw() }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await temp.db.prepare("SELECT count(*) AS n FROM hits").first(column: "n") == 1600)
    }

    @Test func writesQueueBehindAnotherProcessAndReadsDoNotWait() async throws {
        let temp = try TemporaryD1()
        let db = temp.db
        try await db.exec("CREATE TABLE t (a INTEGER)\nINSERT INTO t VALUES (1)")
        let other = try SQLiteConnection(path: temp.engine.path)
        try other.execute("BEGIN IMMEDIATE")
        try other.execute("INSERT INTO t VALUES (2)")
        // The other process holds the write lock until after this read: a read that waited for the lock
        // would fail with SQLITE_BUSY at the busy timeout instead of answering.
        #expect(try await db.prepare("SELECT count(*) AS n FROM t").first(column: "n") == 1)
        let clock = ContinuousClock()
        let start = clock.now
        let release = Task.detached {
            try await Task.sleep(for: .milliseconds(300))
            try other.execute("COMMIT")
        }
        try await db.prepare("INSERT INTO t VALUES (3)").run()
        try await release.value
        #expect(clock.now - start >= .milliseconds(250), "the write waited for the other process's commit")
        #expect(try await db.prepare("SELECT count(*) AS n FROM t").first(column: "n") == 3)
    }

    @Test(
        arguments: D1Backend.allCases,
        [
            (
                "SELECT 'a' LIKE '\(String(repeating: "%a", count: 26))'",
                "D1_ERROR: LIKE or GLOB pattern too complex: SQLITE_ERROR"
            ),
            (
                "CREATE TABLE wide (\((1...101).map { "c\($0)" }.joined(separator: ", ")))",
                "D1_ERROR: too many columns on wide: SQLITE_ERROR"
            ),
            (
                "SELECT max(\((1...128).map(String.init).joined(separator: ",")))",
                "D1_ERROR: too many arguments on function max at offset 7: SQLITE_ERROR"
            ),
            (
                "SELECT \(Array(repeating: "1", count: 102).joined(separator: " + "))",
                "D1_ERROR: Expression tree is too large (maximum depth 100): SQLITE_ERROR"
            ),
        ])
    func limitsAreD1s(backend: D1Backend, example: (String, String)) async throws {
        let (sql, message) = example
        let temp = try TemporaryD1(backend)
        let error = await d1Error { _ = try await temp.db.prepare(sql).all() }
        #expect(error?.message == message)
    }

    @Test(arguments: D1Backend.allCases) func blobsLargerThanTheLengthLimitAreRefused(backend: D1Backend) async throws {
        let temp = try TemporaryD1(backend)
        let big = [UInt8](repeating: 1, count: 4 * 1024 * 1024 + 1)
        let error = await d1Error { _ = try await temp.db.prepare("SELECT length(?) AS n").bind(big).all() }
        #expect(error?.message.hasSuffix("SQLITE_TOOBIG") == true)
        let fits = [UInt8](repeating: 1, count: 1024 * 1024)
        #expect(try await temp.db.prepare("SELECT length(?) AS n").bind(fits).first(column: "n") == 1_048_576)
    }
}

/// The bookmark and `last_row_id` every response carries, read without a lock by every thread.
@Suite struct D1EngineBookmarkTests {
    @Test func everyCommitMovesTheBookmarkForwardAndReadsReportTheLatest() async throws {
        let temp = try TemporaryD1()
        let engine = temp.engine
        _ = try engine.run([D1Query(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)")])
        var previous = engine.bookmark
        for n in 1...20 {
            let written = try engine.run([D1Query(sql: "INSERT INTO t (n) VALUES (?)", params: [.integer(Int64(n))])])
            let bookmark = try #require(written.bookmark)
            #expect(bookmark.utf8.count == 16 && bookmark.allSatisfy(\.isHexDigit) && bookmark == bookmark.lowercased())
            #expect(bookmark > previous, "commit \(n): \(bookmark) after \(previous)")
            previous = bookmark
            let read = try await engine.execute([D1Query(sql: "SELECT COUNT(*) FROM t")], sessionToken: nil)
            #expect(read.bookmark == bookmark)
            #expect(read.results.first?.meta.lastRowID == n)
        }
    }

    @Test func concurrentWritersAndReadersSeeEveryCommitCounted() async throws {
        let temp = try TemporaryD1()
        let engine = temp.engine
        _ = try engine.run([D1Query(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY)")])
        let start = UInt64(engine.bookmark, radix: 16)!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<25 {
                        _ = try await engine.execute([D1Query(sql: "INSERT INTO t DEFAULT VALUES")], sessionToken: nil)
                        _ = try await engine.execute([D1Query(sql: "SELECT id FROM t LIMIT 1")], sessionToken: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(UInt64(engine.bookmark, radix: 16)! == start + 100, "one step per commit")
    }
}
