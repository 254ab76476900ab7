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

    @Test func anotherProcessWritesWhileWeWriteAndRead() async throws {
        let fixture = try SQLiteFixture()
        try await fixture.kv.put("seed", "v")
        var script = ".timeout 10000\n"
        for round in 0..<300 {
            let hex = String(repeating: "EE", count: 2048)
            script += "INSERT OR REPLACE INTO kv_entries (key, value) VALUES ('outside\(round % 5)', x'\(hex)');\n"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [fixture.storage.path]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        for round in 0..<300 {
            try await fixture.kv.put("inside\(round % 5)", Self.value(writer: 1, round: round))
            if let read = try await fixture.kv.get("outside\(round % 5)", type: .bytes) {
                #expect(read == [UInt8](repeating: 0xEE, count: 2048))
            }
        }
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(stderr.isEmpty)
        #expect(try await fixture.kv.list(prefix: "outside").keys.count == 5)
        #expect(try await fixture.kv.list(prefix: "inside").keys.count == 5)
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
