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
            return redisStorage(namespace: "test-\(UUID().uuidString)")
        }
    }

    /// A store of namespace `namespace` on the shared test server, over this backend's transport.
    fileprivate func redisStorage(namespace: String) -> RedisKVStorage {
        let server = RedisTestServer.shared
        return RedisKVStorage(
            binding: "KV", namespace: namespace, endpoint: self == .redisTCP ? server.tcpEndpoint : server.unixEndpoint,
            options: RedisKVOptions(connectTimeoutMs: 2_000, commandTimeoutMs: 20_000, clock: .caller))
    }
}

extension KVBackend {
    /// Two stores on one fresh namespace, as two processes or hosts open it (the same instance for
    /// `memory`, which lives in one process only).
    func makeSharedStorages() throws -> (any KVStorage, any KVStorage) {
        switch self {
        case .memory:
            let storage = MemoryKVStorage()
            return (storage, storage)
        case .sqlite:
            let first = try makeStorage()
            guard let path = (first as? SQLiteKVStorage)?.path else { throw KVTestError("not a SQLite store") }
            return (first, try SQLiteKVStorage(path: path))
        case .redisTCP, .redisUnix:
            let namespace = "shared-\(UUID().uuidString)"
            return (redisStorage(namespace: namespace), redisStorage(namespace: namespace))
        }
    }
}

/// A test fixture that could not be built.
struct KVTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
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
