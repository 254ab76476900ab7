import Foundation
import OutpostConfig

/// How many worker processes a pool runs.
struct PoolSize: Sendable {
    /// Active processes.
    var processes: Int
    /// Ready spares.
    var spares: Int

    /// `[outpost] processes` (default: one per core) and one spare.
    init(config: WorkerConfig) {
        processes = config.outpost.processes ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
        spares = 1
    }

    /// An explicit size.
    init(processes: Int, spares: Int) {
        self.processes = processes
        self.spares = spares
    }
}
