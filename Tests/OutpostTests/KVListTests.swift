import Foundation
import Outpost
import OutpostTesting
import Testing

@Suite("KV list")
struct KVListTests {
    @Test(arguments: KVBackend.allCases) func emptyNamespace(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        let page = try await kv.list()
        #expect(page == KVListResult(keys: [], listComplete: true, cursor: nil))
        #expect(page.json == ["keys": [], "list_complete": true, "cacheStatus": nil])
    }

    @Test(arguments: KVBackend.allCases) func orderedByUTF8Bytes(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        let keys = ["b", "a", ", ", "!", "é", "Z", "z", "🦊", "\u{FFFD}", "a0", "a/"]
        for key in keys { try await kv.put(key, "v") }
        let names = try await kv.list().keys.map(\.name)
        #expect(names == keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(names.first == "!")
        #expect(Array(names.prefix(2)) == ["!", ", "])
    }

    @Test(arguments: KVBackend.allCases, ["%", "_", "\\", "a%", "a_", "a\\"])
    func prefixesAreLiteral(backend: KVBackend, prefix: String) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        for key in ["a%b", "a_b", "a\\b", "axb", "ab", "%", "_", "\\", "x%"] { try await kv.put(key, "v") }
        let names = try await kv.list(prefix: prefix).keys.map(\.name)
        #expect(!names.isEmpty)
        #expect(names.allSatisfy { $0.utf8.starts(with: prefix.utf8) })
    }

    @Test(arguments: KVBackend.allCases) func prefixIsCaseSensitive(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        for key in ["user:1", "User:2", "user:3", "users"] { try await kv.put(key, "v") }
        #expect(try await kv.list(prefix: "user:").keys.map(\.name) == ["user:1", "user:3"])
        #expect(try await kv.list(prefix: "").keys.count == 4)
    }

    @Test(arguments: KVBackend.allCases) func prefixLengthIsChecked(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        _ = try await kv.list(prefix: bytesString(512))
        #expect(
            await errorMessage { _ = try await kv.list(prefix: bytesString(513)) }
                == "KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.")
    }

    @Test(arguments: KVBackend.allCases) func limitOf1000IsAcceptedAnd1001Rejected(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        _ = try await kv.list(limit: 1000)
        #expect(
            await errorMessage { _ = try await kv.list(limit: 1001) }
                == "KV GET failed: 400 Invalid key_count_limit of 1001. Please specify an integer less than 1000.")
    }

    @Test(arguments: KVBackend.allCases, [nil, 0, -3] as [Int?])
    func unsetOrNonPositiveLimitMeans1000(backend: KVBackend, limit: Int?) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        for index in 0..<1001 { try await kv.put(String(format: "k%04d", index), "") }
        let page = try await kv.list(limit: limit)
        #expect(page.keys.count == 1000)
        #expect(!page.listComplete)
        let rest = try await kv.list(limit: limit, cursor: page.cursor)
        #expect(rest.keys.map(\.name) == ["k1000"])
        #expect(rest.listComplete && rest.cursor == nil)
    }

    @Test(arguments: KVBackend.allCases) func paginationWithCursor(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        for key in ["a", "b", "c", "d", "e"] { try await kv.put(key, "v") }
        let first = try await kv.list(limit: 2)
        #expect(first.keys.map(\.name) == ["a", "b"])
        #expect(!first.listComplete)
        #expect(first.cursor == Data("b".utf8).base64EncodedString())
        #expect(first.json["cursor"] == .string(first.cursor!))
        // Added while paginating: before the cursor (not returned) and after it (returned).
        try await kv.put("aa", "v")
        try await kv.put("cc", "v")
        let second = try await kv.list(limit: 3, cursor: first.cursor)
        #expect(second.keys.map(\.name) == ["c", "cc", "d"])
        let last = try await kv.list(limit: 3, cursor: second.cursor)
        #expect(last.keys.map(\.name) == ["e"])
        #expect(last.listComplete)
        #expect(last.cursor == nil)
        #expect(last.json["cursor"] == nil)
    }

    @Test(arguments: KVBackend.allCases) func exactlyFullLastPageHasNoCursor(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        for key in ["a", "b"] { try await kv.put(key, "v") }
        let page = try await kv.list(limit: 2)
        #expect(page.listComplete && page.cursor == nil)
    }

    @Test(arguments: KVBackend.allCases) func cursorWithPrefix(backend: KVBackend) async throws {
        let (kv, _, _) = try makeNamespace(backend)
        for key in ["p:1", "p:2", "p:3", "q:1", "o:9"] { try await kv.put(key, "v") }
        let first = try await kv.list(prefix: "p:", limit: 2)
        #expect(first.keys.map(\.name) == ["p:1", "p:2"])
        let second = try await kv.list(prefix: "p:", limit: 2, cursor: first.cursor)
        #expect(second.keys.map(\.name) == ["p:3"])
        #expect(second.listComplete)
    }

    @Test(arguments: KVBackend.allCases) func keysCarryExpirationAndMetadataOnlyWhenSet(backend: KVBackend) async throws
    {
        let (kv, clock, _) = try makeNamespace(backend)
        try await kv.put("a", "v")
        try await kv.put("b", "v", expirationTtl: 100)
        try await kv.put("c", "v", metadata: ["m": true])
        let keys = try await kv.list().keys
        #expect(keys[0].json == ["name": "a"])
        #expect(keys[1].json == ["name": "b", "expiration": .number(Double(clock.seconds + 100))])
        #expect(keys[2].json == ["name": "c", "metadata": ["m": true]])
    }
}
