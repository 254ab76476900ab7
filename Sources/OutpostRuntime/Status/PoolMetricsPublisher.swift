import Foundation
import Synchronization

/// Writes a worker process's Prometheus text to its pool file every second, on its own thread, and a
/// last time when the process has finished its requests (`finish`), so the pool's counters keep every
/// request this process answered.
final class PoolMetricsPublisher: Sendable {
    private let pool: PoolMetrics
    private let status: StatusPage
    private let stopped = Mutex(false)
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    /// Starts publishing `status`'s process text into `pool`.
    init(pool: PoolMetrics, status: StatusPage, interval: Duration = .seconds(1)) {
        self.pool = pool
        self.status = status
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let thread = Thread { [self] in
            while !stopped.withLock({ $0 }) {
                pool.publish(status.processPrometheus)
                _ = wake.wait(timeout: .now() + seconds)
            }
            done.signal()
        }
        thread.name = "pool-metrics"
        thread.start()
    }

    /// Stops the thread and writes the final figures.
    func finish() {
        stopped.withLock { $0 = true }
        wake.signal()
        done.wait()
        pool.publish(status.processPrometheus)
    }
}
