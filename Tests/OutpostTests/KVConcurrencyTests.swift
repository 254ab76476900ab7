import Foundation
import Outpost
import Testing

/// Concurrent writers and readers on one namespace through two stores (two processes or hosts), on
/// every backend: a value is never torn, and the last write wins.
@Suite("KV concurrency")
struct KVConcurrencyTests {
    static let size = 256 * 1024

    @Test(arguments: KVBackend.allCases) func concurrentWritersNeverTearAValueAndTheLastWriteWins(backend: KVBackend)
        async throws
    {
        let (first, second) = try backend.makeSharedStorages()
        let stores = [KVNamespace(storage: first), KVNamespace(storage: second)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for round in 0..<10 {
                        let value = [UInt8](repeating: UInt8(writer * 10 + round), count: Self.size + writer)
                        try await stores[writer % 2].put("k", value)
                    }
                }
            }
            for reader in 0..<4 {
                group.addTask {
                    for _ in 0..<20 {
                        guard let value = try await stores[reader % 2].get("k", type: .bytes) else { continue }
                        // Writer w writes size + w bytes of one byte w * 10 + round: anything else is torn.
                        let writer = value.count - Self.size
                        #expect((0..<8).contains(writer) && Set(value).count == 1, "a torn value")
                        #expect(value.first.map { Int($0) / 10 } == writer, "a torn value")
                    }
                }
            }
            try await group.waitForAll()
        }
        for (writer, reader) in [(0, 1), (1, 0)] {
            try await stores[writer].put("k", "first")
            try await stores[1 - writer].put("k", "last from \(1 - writer)")
            #expect(try await stores[reader].get("k") == "last from \(1 - writer)")
            #expect(try await stores[writer].get("k") == "last from \(1 - writer)")
        }
    }
}
