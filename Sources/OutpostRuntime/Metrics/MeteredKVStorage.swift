import Metrics
import Outpost

/// A `KVStorage` that records every call of one binding through swift-metrics, then forwards it:
/// `outpost_kv_operations_total{binding,op,outcome}` (op `get`, `get_bulk`, `put`, `delete`, `list`;
/// outcome `hit`/`miss` for `get`, else `ok`; `error` when the backend failed),
/// `outpost_kv_operation_duration_seconds{binding,op}` and `outpost_backend_errors_total{binding,kind="kv"}`.
/// Keeps the backend's zero-copy read when it has one.
final class MeteredKVStorage: KVBorrowingStorage {
    private let inner: any KVStorage
    private let borrowing: (any KVBorrowingStorage)?
    private let get: OperationMeter
    private let getBulk: OperationMeter
    private let put: OperationMeter
    private let delete: OperationMeter
    private let list: OperationMeter
    private let backendErrors: Counter

    /// `inner` metered as binding `binding` into `factory`.
    init(_ inner: any KVStorage, binding: String, backend: String, factory: any MetricsFactory) {
        self.inner = inner
        borrowing = inner as? any KVBorrowingStorage
        func meter(_ op: String, _ outcomes: [String]) -> OperationMeter {
            OperationMeter(prefix: "outpost_kv", binding: binding, op: op, outcomes: outcomes, factory: factory)
        }
        get = meter("get", ["hit", "miss", "error"])
        getBulk = meter("get_bulk", ["ok", "error"])
        put = meter("put", ["ok", "error"])
        delete = meter("delete", ["ok", "error"])
        list = meter("list", ["ok", "error"])
        backendErrors = Counter(
            label: "outpost_backend_errors_total",
            dimensions: [("binding", binding), ("kind", "kv"), ("backend", backend)], factory: factory)
    }

    func get(_ key: String, now: Int64) async throws -> KVStoredValue? {
        let start = ContinuousClock.now
        do {
            let entry = try await inner.get(key, now: now)
            get.record(entry == nil ? "miss" : "hit", since: start)
            return entry
        } catch {
            throw failed(get, since: start, error)
        }
    }

    func get<Value>(
        _ key: String, now: Int64, decode: (UnsafeRawBufferPointer) throws -> Value
    ) async throws -> (value: Value, metadata: String?, expiration: Int64?)? {
        guard let borrowing else {
            guard let entry = try await get(key, now: now) else { return nil }
            return (try entry.value.withUnsafeBytes(decode), entry.metadata, entry.expiration)
        }
        let start = ContinuousClock.now
        var decodeFailed = false
        do {
            let entry = try await borrowing.get(key, now: now) { buffer in
                do {
                    return try decode(buffer)
                } catch {
                    decodeFailed = true
                    throw error
                }
            }
            get.record(entry == nil ? "miss" : "hit", since: start)
            return entry
        } catch {
            // A value that does not decode (invalid JSON for `.json`) is the caller's, not the backend's.
            if decodeFailed {
                get.record("hit", since: start)
                throw error
            }
            throw failed(get, since: start, error)
        }
    }

    func get(_ keys: [String], now: Int64) async throws -> [KVStoredValue?] {
        try await metered(getBulk) { try await inner.get(keys, now: now) }
    }

    func put(_ key: String, value: [UInt8], expiration: Int64?, metadata: String?, now: Int64) async throws {
        try await metered(put) {
            try await inner.put(key, value: value, expiration: expiration, metadata: metadata, now: now)
        }
    }

    func delete(_ key: String) async throws {
        try await metered(delete) { try await inner.delete(key) }
    }

    func list(prefix: String, startAfter: String?, limit: Int, now: Int64) async throws -> [KVStoredKey] {
        try await metered(list) {
            try await inner.list(prefix: prefix, startAfter: startAfter, limit: limit, now: now)
        }
    }

    private func metered<T>(_ meter: OperationMeter, _ body: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        do {
            let value = try await body()
            meter.record("ok", since: start)
            return value
        } catch {
            throw failed(meter, since: start, error)
        }
    }

    private func failed(_ meter: OperationMeter, since start: ContinuousClock.Instant, _ error: any Error) -> any Error
    {
        meter.record("error", since: start)
        backendErrors.increment()
        return error
    }
}
