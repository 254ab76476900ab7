public import Metrics
import Outpost
import Synchronization

/// Counters of one worker instance: cache hits/misses/errors per family, D1 queries run and avoided,
/// and response times per route. Owned by the worker value (no global state). Kept here for
/// `/api/admin/metrics` and recorded through swift-metrics (the status page's `?prometheus`):
/// `kyx_cache_lookups_total{family,result="hit"|"miss"}`, `kyx_cache_errors_total{family}`,
/// `kyx_cache_kv_operations_total{family,op="read"|"write"|"delete"}`,
/// `kyx_d1_queries_total{family,result="executed"|"avoided"}` and `kyx_route_duration_seconds{route}`.
/// JS equivalent: the counters the original Worker keeps for `/api/admin/metrics`.
public final class KYXMetrics: Sendable {
    private struct FamilyCounters {
        var hits = 0
        var misses = 0
        var errors = 0
        var d1Executed = 0
        var d1Avoided = 0
        var kvReads = 0
        var kvWrites = 0
        var kvDeletes = 0
    }

    private struct State {
        var families: [CacheFamily: FamilyCounters] = [:]
        var d1Executed = 0
        var d1Avoided = 0
        var routeTimes: [String: [Double]] = [:]
        var recorders: [CacheFamily: KYXFamilyRecorder] = [:]
        var routeTimers: [String: Timer] = [:]
    }

    private let state = Mutex(State())
    private let factory: (any MetricsFactory)?

    /// Where metrics are recorded: the factory given at init, else the process's swift-metrics.
    var recordingFactory: any MetricsFactory { factory ?? MetricsSystem.factory }
    private static let keptSamples = 1_000

    /// Empty counters, recorded into `factory` (by default the process's swift-metrics, looked up at the
    /// first recording, so a worker made before the executable bootstraps metrics still reports).
    /// JS equivalent: none.
    public init(factory: (any MetricsFactory)? = nil) {
        self.factory = factory
    }

    func hit(_ family: CacheFamily) {
        count(family, \.hits, \.hits)
    }
    func miss(_ family: CacheFamily) {
        count(family, \.misses, \.misses)
    }
    func error(_ family: CacheFamily) {
        count(family, \.errors, \.errors)
    }
    /// Counts one KV get of `family` (hit, miss or error).
    func kvRead(_ family: CacheFamily) {
        count(family, \.kvReads, \.kvReads)
    }
    /// Counts one KV put of `family`.
    func kvWrite(_ family: CacheFamily) {
        count(family, \.kvWrites, \.kvWrites)
    }
    /// Counts one KV delete of `family`.
    func kvDelete(_ family: CacheFamily) {
        count(family, \.kvDeletes, \.kvDeletes)
    }

    /// Adds one to `family`'s `counter` (and to the `total`, if given) under one lock, then increments its
    /// swift-metrics `handle` (handles made on first use).
    private func count(
        _ family: CacheFamily, _ counter: WritableKeyPath<FamilyCounters, Int>,
        _ handle: KeyPath<KYXFamilyRecorder, Counter>, total: WritableKeyPath<State, Int>? = nil
    ) {
        let recorder = state.withLock { state -> KYXFamilyRecorder in
            state.families[family, default: .init()][keyPath: counter] += 1
            if let total { state[keyPath: total] += 1 }
            if let recorder = state.recorders[family] { return recorder }
            let recorder = KYXFamilyRecorder(family: family, factory: factory ?? MetricsSystem.factory)
            state.recorders[family] = recorder
            return recorder
        }
        recorder[keyPath: handle].increment()
    }

    /// KV gets, puts and deletes of `family`.
    /// JS equivalent: none (counters of the original `/api/admin/metrics`).
    public func kvCounts(_ family: CacheFamily) -> (reads: Int, writes: Int, deletes: Int) {
        state.withLock {
            let counters = $0.families[family] ?? FamilyCounters()
            return (counters.kvReads, counters.kvWrites, counters.kvDeletes)
        }
    }

    /// Counts one D1 query run for `family` (a cache miss, or caching off).
    func d1Executed(_ family: CacheFamily) {
        count(family, \.d1Executed, \.d1Executed, total: \.d1Executed)
    }

    /// Counts one D1 query a cache hit of `family` made unnecessary.
    func d1Avoided(_ family: CacheFamily) {
        count(family, \.d1Avoided, \.d1Avoided, total: \.d1Avoided)
    }

    /// D1 queries run and avoided for `family`.
    /// JS equivalent: none (counters of the original `/api/admin/metrics`).
    public func d1Counts(_ family: CacheFamily) -> (executed: Int, avoided: Int) {
        state.withLock {
            let counters = $0.families[family] ?? FamilyCounters()
            return (counters.d1Executed, counters.d1Avoided)
        }
    }

    /// Records one response time of `route` in milliseconds.
    func record(route: String, milliseconds: Double) {
        let timer = state.withLock { state -> Timer in
            var samples = state.routeTimes[route, default: []]
            samples.append(milliseconds)
            if samples.count > Self.keptSamples { samples.removeFirst(samples.count - Self.keptSamples) }
            state.routeTimes[route] = samples
            if let timer = state.routeTimers[route] { return timer }
            let timer = Timer(
                label: "kyx_route_duration_seconds", dimensions: [("route", route)],
                factory: factory ?? MetricsSystem.factory)
            state.routeTimers[route] = timer
            return timer
        }
        timer.recordNanoseconds(Int64(milliseconds * 1_000_000))
    }

    /// Hits, misses and errors of `family`.
    /// JS equivalent: none (counters of the original `/api/admin/metrics`).
    public func counts(_ family: CacheFamily) -> (hits: Int, misses: Int, errors: Int) {
        state.withLock {
            let counters = $0.families[family] ?? FamilyCounters()
            return (counters.hits, counters.misses, counters.errors)
        }
    }

    /// D1 queries run and avoided by a cache hit.
    /// JS equivalent: none (counters of the original `/api/admin/metrics`).
    public var d1Counts: (executed: Int, avoided: Int) { state.withLock { ($0.d1Executed, $0.d1Avoided) } }

    /// Everything as JSON for `/api/admin/metrics`.
    var json: JSONValue {
        state.withLock { state in
            var families = JSONObject()
            var kvTotals = (reads: 0, writes: 0, deletes: 0)
            for family in CacheFamily.allCases {
                let counters = state.families[family] ?? FamilyCounters()
                kvTotals.reads += counters.kvReads
                kvTotals.writes += counters.kvWrites
                kvTotals.deletes += counters.kvDeletes
                let lookups = counters.hits + counters.misses
                families[family.rawValue] = [
                    "hits": .number(Double(counters.hits)), "misses": .number(Double(counters.misses)),
                    "errors": .number(Double(counters.errors)),
                    "hitRate": .number(lookups == 0 ? 0 : Double(counters.hits) / Double(lookups)),
                    "d1Executed": .number(Double(counters.d1Executed)),
                    "d1Avoided": .number(Double(counters.d1Avoided)),
                    "kvReads": .number(Double(counters.kvReads)), "kvWrites": .number(Double(counters.kvWrites)),
                    "kvDeletes": .number(Double(counters.kvDeletes)),
                ]
            }
            var routes = JSONObject()
            for (route, samples) in state.routeTimes.sorted(by: { $0.key < $1.key }) {
                let sorted = samples.sorted()
                let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
                routes[route] = [
                    "count": .number(Double(samples.count)),
                    "avgMs": .number(samples.reduce(0, +) / Double(samples.count)), "p95Ms": .number(p95),
                ]
            }
            return [
                "cache": .object(families),
                "d1": ["executed": .number(Double(state.d1Executed)), "avoided": .number(Double(state.d1Avoided))],
                "kv": [
                    "reads": .number(Double(kvTotals.reads)), "writes": .number(Double(kvTotals.writes)),
                    "deletes": .number(Double(kvTotals.deletes)),
                ],
                "routes": .object(routes),
            ]
        }
    }
}
