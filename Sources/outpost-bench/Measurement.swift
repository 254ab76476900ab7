/// Times an operation one call at a time with `ContinuousClock`, after a warm-up.
enum Measurement {
    /// Runs `body(0..<warmup)` untimed, then `body(warmup..<warmup + count)` timing each call.
    static func run(
        warmup: Int, count: Int, _ body: (Int) async throws -> Void
    ) async rethrows -> LatencyStats {
        for index in 0..<warmup { try await body(index) }
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        let loopStart = clock.now
        for index in warmup..<(warmup + count) {
            let start = clock.now
            try await body(index)
            samples.append(start.duration(to: clock.now))
        }
        let wall = loopStart.duration(to: clock.now)
        return LatencyStats(samples: samples, wall: wall)
    }
}
