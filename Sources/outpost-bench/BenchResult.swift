/// One row of a results table: an operation at one data size, with its targets.
struct BenchResult: Sendable {
    /// The operation, such as `get hit`.
    var operation: String
    /// Keys or rows in the namespace or table.
    let size: Int
    /// The measured figures.
    let stats: LatencyStats
    /// The p50 target in microseconds, if the operation has one.
    let p50Limit: Double?
}
