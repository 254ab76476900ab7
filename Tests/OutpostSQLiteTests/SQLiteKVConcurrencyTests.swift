import Foundation
import Outpost
import OutpostSQLite
import Testing

@Suite("SQLite KV concurrency")
struct SQLiteKVConcurrencyTests {
    /// A value that tells its writer and is torn if any byte disagrees.
    static func value(writer: Int, round: Int) -> [UInt8] {
        let byte = UInt8(writer * 16 + round % 16)
        return [UInt8](repeating: byte, count: 4096 + writer * 1000)
    }

    static func isWhole(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        let writer = Int(first) / 16
        return bytes.count == 4096 + writer * 1000 && bytes.allSatisfy { $0 == first }
    }

    @Test func manyTasksPutAndReadTheSameKeysOnTwoStoresOfOneFile() async throws {
        let fixture = try SQLiteFixture()
        let stores = [fixture.kv, try fixture.reopen()]
        let keys = (0..<4).map { "shared\($0)" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    let kv = stores[writer % 2]
                    for round in 0..<60 {
                        let key = keys[round % keys.count]
                        try await kv.put(key, Self.value(writer: writer, round: round))
                        if let read = try await kv.get(key, type: .bytes) {
                            #expect(Self.isWhole(read))
                        }
                        let page = try await kv.list(prefix: "shared")
                        #expect(page.keys.count <= keys.count)
                    }
                }
            }
            try await group.waitForAll()
        }
        for key in keys {
            let value = try await stores[1].get(key, type: .bytes)
            #expect(value.map(Self.isWhole) == true)
        }
    }

    @Test func lastWriteWins() async throws {
        let fixture = try SQLiteFixture()
        let other = try fixture.reopen()
        try await fixture.kv.put("k", "first", metadata: ["n": 1])
        try await other.put("k", "second")
        try await fixture.kv.put("k", "third", expirationTtl: 600)
        let result = try await other.getWithMetadata("k")
        #expect(result == KVValueWithMetadata(value: "third", metadata: nil))
    }
}
