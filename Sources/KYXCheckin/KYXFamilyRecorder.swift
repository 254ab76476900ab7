import Metrics

/// The swift-metrics handles of one cache family (see `KYXMetrics`), made once per family.
struct KYXFamilyRecorder: Sendable {
    let hits: Counter
    let misses: Counter
    let errors: Counter
    let kvReads: Counter
    let kvWrites: Counter
    let kvDeletes: Counter
    let d1Executed: Counter
    let d1Avoided: Counter

    init(family: CacheFamily, factory: any MetricsFactory) {
        let name = family.rawValue
        func counter(_ label: String, _ extra: [(String, String)] = []) -> Counter {
            Counter(label: label, dimensions: [("family", name)] + extra, factory: factory)
        }
        hits = counter("kyx_cache_lookups_total", [("result", "hit")])
        misses = counter("kyx_cache_lookups_total", [("result", "miss")])
        errors = counter("kyx_cache_errors_total")
        kvReads = counter("kyx_cache_kv_operations_total", [("op", "read")])
        kvWrites = counter("kyx_cache_kv_operations_total", [("op", "write")])
        kvDeletes = counter("kyx_cache_kv_operations_total", [("op", "delete")])
        d1Executed = counter("kyx_d1_queries_total", [("result", "executed")])
        d1Avoided = counter("kyx_d1_queries_total", [("result", "avoided")])
    }
}

/// The swift-metrics handles of every cache family, made together at a worker's first count.
final class FamilyRecorders: Sendable {
    private let recorders: [KYXFamilyRecorder]

    /// Handles for every family, made by `factory`.
    init(factory: any MetricsFactory) {
        recorders = CacheFamily.allCases.map { KYXFamilyRecorder(family: $0, factory: factory) }
    }

    /// The handles of `family`.
    func of(_ family: CacheFamily) -> KYXFamilyRecorder { recorders[family.index] }
}
