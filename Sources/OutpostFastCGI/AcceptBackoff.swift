import Foundation
import Logging

/// What an accept thread does after `accept()` failed for a reason other than an interruption: waits
/// longer each time (10 ms doubling to 1 s) and logs the first failure and then one line per ten
/// seconds, so a broken listen socket costs a log line, never a spinning core.
struct AcceptBackoff {
    private var failures = 0
    private var lastLog: ContinuousClock.Instant?

    /// Records a failure with `errno` value `code`, logs it when due, and returns how long to wait (ms).
    mutating func failed(code: Int32, logger: Logger) -> Int32 {
        failures += 1
        let now = ContinuousClock.now
        if lastLog.map({ now - $0 >= .seconds(10) }) ?? true {
            lastLog = now
            logger.error(
                "accept() on the listen socket failed; retrying with backoff",
                metadata: [
                    "error": "\(String(cString: strerror(code)))", "consecutive_failures": "\(failures)",
                ])
        }
        return Int32(delayMicroseconds / 1000)
    }

    /// A connection was accepted: the next failure starts from the shortest wait.
    mutating func succeeded() {
        failures = 0
        lastLog = nil
    }

    /// The wait after the current number of consecutive failures.
    var delayMicroseconds: Int { min(10_000 << min(failures - 1, 7), 1_000_000) }
}
