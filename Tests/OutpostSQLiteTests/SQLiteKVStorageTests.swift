import Foundation
import Outpost
import OutpostSQLite
import OutpostTestSupport
import OutpostTesting
import Testing

@Suite("SQLite KV storage")
struct SQLiteKVStorageTests {
    @Test func fileLivesUnderStateDirKVAndIsReadableBySQLite3() async throws {
        let fixture = try SQLiteFixture()
        #expect(fixture.storage.path == fixture.directory.path + "/kv/test.sqlite")
        try await fixture.kv.put("hello", "world", metadata: ["a": 1])
        #expect(FileManager.default.fileExists(atPath: fixture.storage.path))
        #expect(
            try sqlite3(fixture.storage.path, "SELECT key, metadata, CAST(value AS TEXT) FROM kv_entries")
                == #"hello|{"a":1}|world"#)
        #expect(try sqlite3(fixture.storage.path, "PRAGMA journal_mode") == "wal")
    }

    @Test func textBinaryEmptyAndMetadataRoundTrip() async throws {
        let fixture = try SQLiteFixture()
        let kv = fixture.kv
        let bytes = (0..<1024).map { UInt8($0 % 256) }
        try await kv.put("bin", bytes)
        try await kv.put("text", "héllo 🦊")
        try await kv.put("empty", "")
        try await kv.put("meta", "v", expirationTtl: 120, metadata: ["tags": ["x", 1]])
        #expect(try await kv.get("bin", type: .bytes) == bytes)
        #expect(try await kv.get("text") == "héllo 🦊")
        #expect(try await kv.get("empty") == "")
        #expect(try await kv.get("empty", type: .bytes) == [])
        #expect(try await kv.get("missing") == nil)
        let meta = try await kv.getWithMetadata("meta")
        #expect(meta == KVValueWithMetadata(value: "v", metadata: ["tags": ["x", 1]]))
        #expect(
            try await kv.list(prefix: "meta").keys
                == [KVListKey(name: "meta", expiration: fixture.clock.seconds + 120, metadata: ["tags": ["x", 1]])])
    }

    @Test func value25MiBRoundTripsAndOneMoreByteIsRejected() async throws {
        let fixture = try SQLiteFixture()
        var value = [UInt8](repeating: 0xAB, count: KVLimits.maxValueBytes)
        value[0] = 1
        value[value.count - 1] = 2
        try await fixture.kv.put("big", value)
        let read = try await fixture.kv.get("big", type: .bytes)
        #expect(read == value)
        value.append(3)
        #expect(
            await errorMessage { try await fixture.kv.put("big2", value) }
                == "KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400.")
        #expect(try sqlite3(fixture.storage.path, "SELECT count(*) FROM kv_entries") == "1")
    }

    @Test func keyLimitsAreEnforcedBeforeStorage() async throws {
        let fixture = try SQLiteFixture()
        try await fixture.kv.put(String(repeating: "k", count: 512), "v")
        #expect(
            await errorMessage { try await fixture.kv.put(String(repeating: "k", count: 513), "v") }
                == "KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.")
        #expect(
            await errorMessage { try await fixture.kv.put("", "v") } == "TypeError: Key name cannot be empty.")
        #expect(try sqlite3(fixture.storage.path, "SELECT count(*) FROM kv_entries") == "1")
    }

    @Test func listOrdersByUTF8Bytes() async throws {
        let fixture = try SQLiteFixture()
        let keys = ["b", "a", ", ", "!", "é", "Z", "z", "🦊", "\u{FFFD}", "a0", "a/", "\u{7F}", "\u{80}"]
        for key in keys { try await fixture.kv.put(key, "v") }
        let names = try await fixture.kv.list().keys.map(\.name)
        #expect(names == keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(Array(names.prefix(2)) == ["!", ", "])
    }

    @Test(arguments: ["%", "_", "\\", "a%", "a_", "a\\", "é", "🦊"])
    func prefixesAreLiteral(prefix: String) async throws {
        let fixture = try SQLiteFixture()
        let keys = ["a%b", "a_b", "a\\b", "axb", "ab", "A%b", "%", "_", "\\", "x%", "é1", "éa", "ê", "🦊!", "🦋"]
        for key in keys { try await fixture.kv.put(key, "v") }
        let names = try await fixture.kv.list(prefix: prefix).keys.map(\.name)
        let expected = keys.filter { $0.utf8.starts(with: prefix.utf8) }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(names == expected)
        #expect(!names.isEmpty)
    }

    @Test func paginationSeesKeysAddedAfterTheCursorOnly() async throws {
        let fixture = try SQLiteFixture()
        let kv = fixture.kv
        for key in ["a", "b", "c", "d", "e"] { try await kv.put(key, "v") }
        let first = try await kv.list(limit: 2)
        #expect(first.keys.map(\.name) == ["a", "b"])
        #expect(!first.listComplete && first.cursor != nil)
        try await kv.put("aa", "v")
        try await kv.put("bb", "v")
        let second = try await kv.list(limit: 2, cursor: first.cursor)
        #expect(second.keys.map(\.name) == ["bb", "c"])
        let third = try await kv.list(limit: 10, cursor: second.cursor)
        #expect(third.keys.map(\.name) == ["d", "e"])
        #expect(third.listComplete && third.cursor == nil)
    }

    @Test func paginationWithPrefixAndCursorBeforeThePrefix() async throws {
        let fixture = try SQLiteFixture()
        for key in ["a", "p1", "p2", "p3", "q"] { try await fixture.kv.put(key, "v") }
        let cursorBeforePrefix = Data("a".utf8).base64EncodedString()
        let page = try await fixture.kv.list(prefix: "p", limit: 2, cursor: cursorBeforePrefix)
        #expect(page.keys.map(\.name) == ["p1", "p2"])
        let rest = try await fixture.kv.list(prefix: "p", limit: 2, cursor: page.cursor)
        #expect(rest.keys.map(\.name) == ["p3"])
        #expect(rest.listComplete)
    }

    @Test func thousandKeyPagesAndLimits() async throws {
        let fixture = try SQLiteFixture()
        for index in 0..<1001 { try await fixture.kv.put(String(format: "k%04d", index), "") }
        let page = try await fixture.kv.list()
        #expect(page.keys.count == 1000 && !page.listComplete)
        let rest = try await fixture.kv.list(cursor: page.cursor)
        #expect(rest.keys.map(\.name) == ["k1000"] && rest.listComplete)
        #expect(
            await errorMessage { _ = try await fixture.kv.list(limit: 1001) }
                == "KV GET failed: 400 Invalid key_count_limit of 1001. Please specify an integer less than 1000.")
    }

    @Test func expiredKeysAreInvisibleAtOnceAndDeletedWhenRead() async throws {
        let fixture = try SQLiteFixture()
        let kv = fixture.kv
        try await kv.put("k", "v", expirationTtl: 60)
        try await kv.put("keep", "v")
        fixture.clock.advance(milliseconds: 59_999)
        #expect(try await kv.get("k") == "v")
        fixture.clock.advance(milliseconds: 1)
        #expect(try await kv.list().keys.map(\.name) == ["keep"])
        #expect(try sqlite3(fixture.storage.path, "SELECT count(*) FROM kv_entries") == "2")
        #expect(try await kv.get("k") == nil)
        #expect(try sqlite3(fixture.storage.path, "SELECT count(*) FROM kv_entries") == "1")
        try await kv.put("k2", "v", expirationTtl: 60)
        fixture.clock.advance(milliseconds: 60_000)
        #expect(try await kv.get(["k2", "keep"]).values == [nil, "v"])
        #expect(try sqlite3(fixture.storage.path, "SELECT key FROM kv_entries") == "keep")
    }

    @Test func purgeDeletesEveryExpiredKey() async throws {
        let fixture = try SQLiteFixture()
        for index in 0..<10 { try await fixture.kv.put("e\(index)", "v", expirationTtl: 60) }
        try await fixture.kv.put("keep", "v", expirationTtl: 600)
        fixture.clock.advance(milliseconds: 61_000)
        #expect(try fixture.storage.purgeExpired(now: fixture.clock.milliseconds) == 10)
        #expect(try sqlite3(fixture.storage.path, "SELECT key FROM kv_entries") == "keep")
    }

    @Test func writesPurgeExpiredKeysInTheBackground() async throws {
        let directory = try TemporaryDirectory()
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
        let storage = try SQLiteKVStorage(path: directory.path + "/kv/p.sqlite", purgeIntervalMs: 60_000)
        let kv = KVNamespace(storage: storage, clock: clock.kvClock)
        try await kv.put("old", "v", expirationTtl: 60)
        clock.advance(milliseconds: 61_000)
        try await kv.put("new", "v")
        #expect(try sqlite3(storage.path, "SELECT key FROM kv_entries") == "new")
    }

    @Test func bulkGetOnSQLite() async throws {
        let fixture = try SQLiteFixture()
        let kv = fixture.kv
        try await kv.put("zero", "0", metadata: 1)
        try await kv.put("false", "false")
        try await kv.put("empty", "")
        try await kv.put("text", "not json")
        let json = try await kv.get(["zero", "false", "missing"], type: .json)
        #expect(json.keys == ["zero", "false", "missing"])
        #expect(json.values == [.number(0), .bool(false), nil])
        let withMetadata = try await kv.getWithMetadata(["empty", "zero", "missing"])
        #expect(withMetadata["empty"] == KVValueWithMetadata(value: "", metadata: nil))
        #expect(withMetadata["zero"] == KVValueWithMetadata(value: "0", metadata: 1))
        #expect(withMetadata.values[2] == nil)
        #expect(
            await errorMessage { _ = try await kv.get(["zero", "text"], type: .json) }
                == "KV GET_BULK failed: 400 At least one of the requested keys corresponds to a non-json value")
        let hundred = (0..<100).map { "k\($0)" }
        #expect(try await kv.get(hundred).values.allSatisfy { $0 == nil })
        #expect(
            await errorMessage { _ = try await kv.get(hundred + ["one more"]) }
                == "KV GET_BULK failed: 400 You can request a maximum of 100 keys")
    }

    @Test func bulkTotalOver25MiBIsRejected() async throws {
        let fixture = try SQLiteFixture()
        try await fixture.kv.put("a", String(repeating: "a", count: 20 * 1024 * 1024))
        try await fixture.kv.put("b", String(repeating: "b", count: 5 * 1024 * 1024))
        try await fixture.kv.put("c", "c")
        #expect(try await fixture.kv.get(["a", "b"]).count == 2)
        #expect(
            await errorMessage { _ = try await fixture.kv.get(["a", "b", "c"]) }
                == "KV GET_BULK failed: 413 Total size of request exceeds the limit of 25MB")
    }

    @Test func anotherConnectionSeesWritesAtOnceBothWays() async throws {
        let fixture = try SQLiteFixture()
        let other = try fixture.reopen()
        try await fixture.kv.put("from-first", "1")
        #expect(try await other.get("from-first") == "1")
        try await other.put("from-second", "2")
        #expect(try await fixture.kv.get("from-second") == "2")
        try await other.delete("from-first")
        #expect(try await fixture.kv.get("from-first") == nil)
    }

    @Test func acknowledgedPutIsOnDiskForAnotherProcess() async throws {
        let fixture = try SQLiteFixture()
        let value = (0..<64).map { UInt8($0 * 3 % 256) }
        try await fixture.kv.put("durable", value, metadata: ["v": 1])
        // The writer stays open: a separate sqlite3 process reads what is on disk (file + WAL), not
        // this process's memory, which is what survives a kill -9 of this process.
        let hex = value.map { String(format: "%02X", $0) }.joined()
        #expect(
            try sqlite3(fixture.storage.path, "SELECT hex(value), metadata FROM kv_entries WHERE key = 'durable'")
                == "\(hex)|{\"v\":1}")
        try await fixture.kv.put("durable", "second")
        #expect(
            try sqlite3(fixture.storage.path, "SELECT CAST(value AS TEXT) FROM kv_entries WHERE key = 'durable'")
                == "second")
        withExtendedLifetime(fixture) {}
    }

    @Test func decodingHappensInSQLitesBufferAndItsErrorsPassThrough() async throws {
        let fixture = try SQLiteFixture()
        try await fixture.kv.put("json", #"{"a":[1,2]}"#, metadata: ["m": 1])
        try await fixture.kv.put("bad", "{oops")
        #expect(try await fixture.kv.get("json", type: .json) == ["a": [1, 2]])
        #expect(try await fixture.kv.get("json", as: [String: [Int]].self) == ["a": [1, 2]])
        #expect(try await fixture.kv.getWithMetadata("json", type: .json).metadata == ["m": 1])
        await #expect(throws: JSONParseError.self) { _ = try await fixture.kv.get("bad", type: .json) }
        #expect(try await fixture.kv.get("bad") == "{oops")
    }

    @Test func valuesWrittenBySQLite3AreSeenByTheStore() async throws {
        let fixture = try SQLiteFixture()
        try await fixture.kv.put("seed", "v")
        _ = try sqlite3(
            fixture.storage.path,
            "INSERT INTO kv_entries (key, expiration, metadata, value) VALUES ('outside', NULL, '[1]', CAST('hi' AS BLOB))"
        )
        let result = try await fixture.kv.getWithMetadata("outside")
        #expect(result == KVValueWithMetadata(value: "hi", metadata: [1]))
    }
}
