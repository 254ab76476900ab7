import Metrics
import Outpost

/// A `D1Storage` that records every request of one binding through swift-metrics, then forwards it:
/// `outpost_d1_operations_total{binding,op,outcome}` (op `query` for one query — `all`, `run`,
/// `first`, `raw` — and `batch` for several — `batch`, `exec`; outcome `ok`, `error` for a query the
/// database refused, `backend_error` when the backend itself failed: busy, I/O, full, unreachable),
/// `outpost_d1_operation_duration_seconds{binding,op}`, `outpost_d1_rows_read_total{binding}`,
/// `outpost_d1_rows_written_total{binding}` and `outpost_backend_errors_total{binding,kind="d1"}`.
final class MeteredD1Storage: D1Storage {
    private let inner: any D1Storage
    private let query: OperationMeter
    private let batch: OperationMeter
    private let rowsRead: Counter
    private let rowsWritten: Counter
    private let backendErrors: Counter

    /// SQLite result codes that mean the backend failed rather than the query.
    static let backendCodes = [
        "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_CORRUPT",
        "SQLITE_NOMEM", "SQLITE_READONLY", "SQLITE_NOTADB", "SQLITE_PROTOCOL",
    ]

    /// `inner` metered as binding `binding` into `factory`.
    init(_ inner: any D1Storage, binding: String, backend: String, factory: any MetricsFactory) {
        self.inner = inner
        let outcomes = ["ok", "error", "backend_error"]
        query = OperationMeter(
            prefix: "outpost_d1", binding: binding, op: "query", outcomes: outcomes, factory: factory)
        batch = OperationMeter(
            prefix: "outpost_d1", binding: binding, op: "batch", outcomes: outcomes, factory: factory)
        rowsRead = Counter(label: "outpost_d1_rows_read_total", dimensions: [("binding", binding)], factory: factory)
        rowsWritten = Counter(
            label: "outpost_d1_rows_written_total", dimensions: [("binding", binding)], factory: factory)
        backendErrors = Counter(
            label: "outpost_backend_errors_total",
            dimensions: [("binding", binding), ("kind", "d1"), ("backend", backend)], factory: factory)
    }

    func execute(_ queries: [D1Query], sessionToken: String?) async throws(D1Error) -> D1Response {
        let meter = queries.count == 1 ? query : batch
        let start = ContinuousClock.now
        do {
            let response = try await inner.execute(queries, sessionToken: sessionToken)
            meter.record("ok", since: start)
            var read = 0
            var written = 0
            for result in response.results {
                read += result.meta.rowsRead
                written += result.meta.rowsWritten
            }
            if read > 0 { rowsRead.increment(by: read) }
            if written > 0 { rowsWritten.increment(by: written) }
            return response
        } catch {
            if Self.isBackendFailure(error) {
                meter.record("backend_error", since: start)
                backendErrors.increment()
            } else {
                meter.record("error", since: start)
            }
            throw error
        }
    }

    /// Whether `error` names one of `backendCodes` (as `: SQLITE_X` or `(extended: SQLITE_X_…)`).
    static func isBackendFailure(_ error: D1Error) -> Bool {
        let cause = error.cause
        return backendCodes.contains { code in
            cause.hasSuffix(": \(code)") || cause.contains("(extended: \(code)") || cause.contains(": \(code) ")
        }
    }
}
