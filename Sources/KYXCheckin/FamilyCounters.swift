import Synchronization

/// The counters of one cache family (see `KYXMetrics`), each its own atomic: counting takes no lock,
/// so the requests of every accept thread count at once without waiting for each other.
final class FamilyCounters: Sendable {
    /// Which counter of the family.
    enum Kind: Sendable {
        case hits, misses, errors, d1Executed, d1Avoided, kvReads, kvWrites, kvDeletes
    }

    private let hits = Atomic<Int>(0)
    private let misses = Atomic<Int>(0)
    private let errors = Atomic<Int>(0)
    private let d1Executed = Atomic<Int>(0)
    private let d1Avoided = Atomic<Int>(0)
    private let kvReads = Atomic<Int>(0)
    private let kvWrites = Atomic<Int>(0)
    private let kvDeletes = Atomic<Int>(0)

    /// Adds one to `kind`.
    func increment(_ kind: Kind) {
        switch kind {
        case .hits: hits.wrappingAdd(1, ordering: .relaxed)
        case .misses: misses.wrappingAdd(1, ordering: .relaxed)
        case .errors: errors.wrappingAdd(1, ordering: .relaxed)
        case .d1Executed: d1Executed.wrappingAdd(1, ordering: .relaxed)
        case .d1Avoided: d1Avoided.wrappingAdd(1, ordering: .relaxed)
        case .kvReads: kvReads.wrappingAdd(1, ordering: .relaxed)
        case .kvWrites: kvWrites.wrappingAdd(1, ordering: .relaxed)
        case .kvDeletes: kvDeletes.wrappingAdd(1, ordering: .relaxed)
        }
    }

    /// The current value of `kind`.
    func value(_ kind: Kind) -> Int {
        switch kind {
        case .hits: hits.load(ordering: .relaxed)
        case .misses: misses.load(ordering: .relaxed)
        case .errors: errors.load(ordering: .relaxed)
        case .d1Executed: d1Executed.load(ordering: .relaxed)
        case .d1Avoided: d1Avoided.load(ordering: .relaxed)
        case .kvReads: kvReads.load(ordering: .relaxed)
        case .kvWrites: kvWrites.load(ordering: .relaxed)
        case .kvDeletes: kvDeletes.load(ordering: .relaxed)
        }
    }
}
