import Foundation
import Outpost
import Synchronization
import Testing

@Suite struct D1DatabaseTests {
    @Test(arguments: [
        (JSONValue.object(["a": 1]), "D1_TYPE_ERROR: Type 'object' not supported for value '[object Object]'"),
        (JSONValue.array([1, "a"]), "D1_TYPE_ERROR: Type 'object' not supported for value '1,a'"),
        (JSONValue.array([256]), "D1_TYPE_ERROR: Type 'object' not supported for value '256'"),
        (JSONValue.array([1.5, nil]), "D1_TYPE_ERROR: Type 'object' not supported for value '1.5,'"),
        (JSONValue.array([[1], [2, 3]]), "D1_TYPE_ERROR: Type 'object' not supported for value '1,2,3'"),
    ])
    func unsupportedValuesFailAtBind(value: JSONValue, message: String) throws {
        let db = D1Database(storage: FakeD1Storage())
        let error = #expect(throws: D1Error.self) { _ = try db.prepare("SELECT ?").bind(value) }
        #expect(error?.message == message)
        #expect(error?.kind == .type)
        #expect(error?.cause == String(message.dropFirst("D1_TYPE_ERROR: ".count)))
    }

    @Test(arguments: [
        (JSONValue.null, D1Value.null),
        (JSONValue.bool(true), D1Value.integer(1)),
        (JSONValue.bool(false), D1Value.integer(0)),
        (JSONValue.number(3), D1Value.integer(3)),
        (JSONValue.number(-2.5), D1Value.real(-2.5)),
        (JSONValue.string("s"), D1Value.text("s")),
        (JSONValue.array([0, 127, 255]), D1Value.blob([0, 127, 255])),
        (JSONValue.array([]), D1Value.blob([])),
    ])
    func jsonValuesBindAsD1Does(value: JSONValue, expected: D1Value) async throws {
        let storage = FakeD1Storage()
        let db = D1Database(storage: storage)
        try await db.prepare("SELECT ?").bind(value).run()
        #expect(storage.recorded.first?.queries == [D1Query(sql: "SELECT ?", params: [expected])])
    }

    @Test func swiftValuesBind() async throws {
        let storage = FakeD1Storage()
        let db = D1Database(storage: storage)
        let missing: String? = nil
        try await db.prepare("SELECT ?, ?, ?, ?, ?, ?, ?").bind(1, 2.5, "x", true, [UInt8]([9]), Data([8]), missing)
            .run()
        #expect(
            storage.recorded.first?.queries.first?.params == [
                .integer(1), .real(2.5), .text("x"), .integer(1), .blob([9]), .blob([8]), .null,
            ])
    }

    @Test func bindReplacesInsteadOfAppending() async throws {
        let storage = FakeD1Storage()
        let statement = try D1Database(storage: storage).prepare("SELECT ?").bind(1)
        try await statement.bind(2).run()
        try await statement.run()
        #expect(storage.recorded.map { $0.queries[0].params } == [[.integer(2)], [.integer(1)]])
    }

    @Test func resultShapes() async throws {
        let storage = FakeD1Storage(
            columns: ["id", "name", "name", "data"],
            rows: [[.integer(1), .text("a"), .text("b"), .blob([1, 2])], [.integer(2), .null, .text("c"), .null]])
        let db = D1Database(storage: storage)
        let statement = db.prepare("SELECT …")
        let all = try await statement.all()
        #expect(all.success)
        #expect(all.results == [["id": 1, "name": "b", "data": [1, 2]], ["id": 2, "name": "c", "data": nil]])
        #expect(all.results[0].keys == ["id", "name", "data"])
        #expect(all.json.objectValue?.keys == ["success", "meta", "results"])
        #expect(try await statement.run() == all)
        #expect(try await statement.first() == all.results.first)
        #expect(try await statement.first(column: "data") == [1, 2])
        // A repeated column answers as the row object does: its last value.
        #expect(try await statement.first(column: "name") == all.results.first?["name"])
        #expect(try await statement.first(column: "name") == "b")
        #expect(
            try await statement.raw(columnNames: true) == [
                ["id", "name", "name", "data"], [1, "a", "b", [1, 2]], [2, nil, "c", nil],
            ])
        #expect(try await statement.raw() == [[1, "a", "b", [1, 2]], [2, nil, "c", nil]])
    }

    @Test func firstColumnErrors() async throws {
        let db = D1Database(storage: FakeD1Storage(columns: ["a"], rows: [[.integer(1)]]))
        do {
            _ = try await db.prepare("SELECT 1 AS a").first(column: "b")
            Issue.record("expected D1_COLUMN_NOTFOUND")
        } catch {
            #expect(error.description == "D1_COLUMN_NOTFOUND: Column not found (b)")
            #expect(error.cause == "Column not found")
        }
        let empty = D1Database(storage: FakeD1Storage(columns: ["a"], rows: []))
        #expect(try await empty.prepare("SELECT 1 AS a WHERE 0").first(column: "b") == nil)
        #expect(try await empty.prepare("SELECT 1 AS a WHERE 0").first() == nil)
        #expect(try await empty.prepare("SELECT 1 AS a WHERE 0").raw(columnNames: true) == [["a"]])
    }

    @Test func metaJSONUsesD1Names() throws {
        let meta = D1Meta(
            servedBy: "miniflare.db", duration: 1.5, changes: 2, lastRowID: 7, changedDB: true, sizeAfter: 8192,
            rowsRead: 3, rowsWritten: 2)
        #expect(
            meta.json
                == [
                    "served_by": "miniflare.db", "duration": 1.5, "changes": 2, "last_row_id": 7, "changed_db": true,
                    "size_after": 8192, "rows_read": 3, "rows_written": 2,
                ])
        let decoded = try JSONDecoder().decode(D1Meta.self, from: Data(meta.json.serialized.utf8))
        #expect(decoded == meta)
    }

    @Test func batchSendsEveryStatementInOneRequest() async throws {
        let storage = FakeD1Storage()
        let db = D1Database(storage: storage)
        let insert = db.prepare("INSERT INTO t VALUES (?)")
        let results = try await db.batch([try insert.bind(1), try insert.bind(2), db.prepare("SELECT 1")])
        #expect(results.count == 3)
        #expect(storage.recorded.count == 1)
        #expect(storage.recorded[0].queries.map(\.params) == [[.integer(1)], [.integer(2)], []])
        #expect(storage.recorded[0].sessionToken == nil)
    }

    @Test func execSendsTrimmedLinesAndCountsResults() async throws {
        let storage = FakeD1Storage()
        let db = D1Database(storage: storage)
        let result = try await db.exec("  \nCREATE TABLE t (a);\nINSERT INTO t VALUES (1)\n  ")
        #expect(storage.recorded[0].queries.map(\.sql) == ["CREATE TABLE t (a);", "INSERT INTO t VALUES (1)"])
        #expect(result.count == 2)
        #expect(result.duration == 1.0)
        #expect(result.json == ["count": 2, "duration": 1.0])
    }

    @Test func execErrorsQuoteTheFirstLine() async throws {
        let storage = FakeD1Storage { _ throws(D1Error) in throw D1Error(.query, "no such table: x: SQLITE_ERROR") }
        let db = D1Database(storage: storage)
        do {
            try await db.exec("SELECT 1\nSELECT * FROM x")
            Issue.record("expected D1_EXEC_ERROR")
        } catch {
            #expect(error.message == "D1_EXEC_ERROR: Error in line 1: SELECT 1: no such table: x: SQLITE_ERROR")
            #expect(error.cause == "Error in line 1: SELECT 1: no such table: x: SQLITE_ERROR")
        }
    }

    @Test func dumpFailsWithLocalStatus() async throws {
        do {
            _ = try await D1Database(storage: FakeD1Storage()).dump()
            Issue.record("expected D1_DUMP_ERROR")
        } catch {
            #expect(error.description == "D1_DUMP_ERROR: Status + 404")
        }
    }

    @Test func sessionsSendAndKeepTheGreatestBookmark() async throws {
        let bookmarks = ["0005", "0003", "0009"]
        let counter = Counter()
        let storage = FakeD1Storage { queries throws(D1Error) in
            D1Response(
                results: queries.map { _ in D1QueryResult(columns: [], rows: [], meta: .fake) },
                bookmark: bookmarks[counter.next()])
        }
        let db = D1Database(storage: storage)
        let session = db.withSession("  ")
        #expect(session.constraint == "first-unconstrained")
        #expect(session.getBookmark() == nil)
        try await session.prepare("SELECT 1").run()
        #expect(session.getBookmark() == "0005")
        _ = try await session.batch([session.prepare("SELECT 1")])
        #expect(session.getBookmark() == "0005")
        try await session.prepare("SELECT 1").run()
        #expect(session.getBookmark() == "0009")
        #expect(storage.recorded.map(\.sessionToken) == ["first-unconstrained", "0005", "0005"])

        #expect(db.withSession("first-primary").constraint == "first-primary")
        let resumed = db.withSession(" 0007 ")
        #expect(resumed.getBookmark() == "0007")
        #expect(resumed.constraint == nil)
    }

    @Test func decodableConvenience() async throws {
        struct User: Decodable, Equatable {
            let id: Int
            let name: String?
        }
        let db = D1Database(storage: FakeD1Storage(columns: ["id", "name"], rows: [[.integer(1), .null]]))
        #expect(try await db.prepare("SELECT").all(as: User.self) == [User(id: 1, name: nil)])
        #expect(try await db.prepare("SELECT").first(as: User.self) == User(id: 1, name: nil))
    }

    @Test func envGivesTheBindingOrNamesTheProblem() throws {
        let db = D1Database(storage: FakeD1Storage())
        let env = Env(
            bindings: [
                "DB": Env.Binding(kind: "D1 database", value: db), "KV": Env.Binding(kind: "KV namespace", value: 1),
            ],
            configFile: "wrangler.toml")
        _ = try env.d1("DB")
        let missing = #expect(throws: BindingError.self) { try env.d1("NOPE") }
        #expect(
            missing?.description
                == "binding \"NOPE\" is not declared in wrangler.toml: declare a D1 database named \"NOPE\"")
        let wrong = #expect(throws: BindingError.self) { try env.d1("KV") }
        #expect(wrong?.description == "binding \"KV\" in wrangler.toml is a KV namespace, not a D1 database")
    }
}

/// A thread-safe counter for scripted fakes.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock { current in
            defer { current += 1 }; return current
        }
    }
}
