import Foundation
import Outpost
import OutpostRedis
import OutpostSQLite
import OutpostTestSupport
import OutpostTesting
import Testing

/// The backends the KV behaviour suite runs against: every test takes one as its first argument.
enum KVBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory
    case sqlite
    case redisTCP = "redis-tcp"
    case redisUnix = "redis-unix"

    var testDescription: String { rawValue }

    /// A fresh, empty store of this kind (a new file, or a new Redis namespace on the shared test server)
    /// that judges expiry by the caller's clock, so the tests can move time by hand.
    /// Redis gets generous timeouts here: many 25 MiB tests share one server at once; the failure
    /// tests check the timeouts themselves.
    func makeStorage() throws -> any KVStorage {
        switch self {
        case .memory: return MemoryKVStorage()
        case .sqlite:
            let directory = NSTemporaryDirectory() + "outpost-kv-\(UUID().uuidString)"
            return try SQLiteKVStorage(path: SQLiteKVStorage.path(stateDir: directory, localName: "test"))
        case .redisTCP, .redisUnix:
            let server = RedisTestServer.shared
            return RedisKVStorage(
                binding: "KV", namespace: "test-\(UUID().uuidString)",
                endpoint: self == .redisTCP ? server.tcpEndpoint : server.unixEndpoint,
                options: RedisKVOptions(connectTimeoutMs: 2_000, commandTimeoutMs: 20_000, clock: .caller))
        }
    }
}

/// A namespace on a fresh store of `backend` with a manual clock.
func makeNamespace(_ backend: KVBackend = .memory) throws -> (KVNamespace, ManualClock, any KVStorage) {
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
    let storage = try backend.makeStorage()
    return (KVNamespace(storage: storage, clock: clock.kvClock), clock, storage)
}

/// How many entries `storage` holds, expired ones not yet removed included.
func entryCount(_ storage: any KVStorage) async throws -> Int {
    try await storage.list(prefix: "", startAfter: nil, limit: 1_000_000, now: .min).count
}

/// The message of the error `body` throws, or `nil` when it succeeds.
func errorMessage(_ body: () async throws -> Void) async -> String? {
    await ErrorText.of(body)
}

/// A string of `count` UTF-8 bytes.
func bytesString(_ count: Int, _ character: Character = "a") -> String {
    String(repeating: character, count: count)
}
