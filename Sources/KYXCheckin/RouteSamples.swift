import Metrics

/// The latest response times of one route (at most `capacity`, the oldest overwritten in place) and its
/// swift-metrics timer: recording one is O(1) and allocates nothing once the buffer is full.
struct RouteSamples {
    /// The samples kept, in no particular order.
    private(set) var values: [Double] = []
    private var next = 0
    private let capacity: Int
    /// The route's `kyx_route_duration_seconds` timer.
    let timer: Timer

    /// An empty buffer of `capacity` samples recording into `timer`.
    init(capacity: Int, timer: Timer) {
        self.capacity = capacity
        self.timer = timer
    }

    /// Keeps `milliseconds`, replacing the oldest sample when full.
    mutating func append(_ milliseconds: Double) {
        if values.count < capacity {
            values.append(milliseconds)
        } else {
            values[next] = milliseconds
            next = (next + 1) % capacity
        }
    }
}
