/// Which level answered a cached read: the process's memory, KV, or D1 (a miss).
/// Sent as `X-KYX-Cache` on `GET /api/stats` and `GET /api/ranking` (the load simulation's first-read
/// hit rate).
enum CacheSource: String, Sendable {
    case memory
    case kv
    case d1

    /// Whether a cache level answered.
    var isHit: Bool { self != .d1 }

    /// The response header naming the source.
    static let header = "X-KYX-Cache"
}
