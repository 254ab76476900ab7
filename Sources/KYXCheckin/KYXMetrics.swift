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
    /// Every family's counters, in `CacheFamily.allCases` order (atomics: counting takes no lock).
    private let families: [FamilyCounters]
    /// Every family's swift-metrics handles, made at the first count.
    private let recorders: OnceReference<FamilyRecorders>
    /// Every request records its time here, from every accept thread: a lock that sleeps, never spins.
    private let routes = SleepingLock([String: RouteSamples]())
    private let factory: (any MetricsFactory)?

    /// Where metrics are recorded: the factory given at init, else the process's swift-metrics.
    var recordingFactory: any MetricsFactory { factory ?? MetricsSystem.factory }
    private static let keptSamples = 1_000

    /// Empty counters, recorded into `factory` (by default the process's swift-metrics, looked up at the
    /// first recording, so a worker made before the executable bootstraps metrics still reports).
    /// JS equivalent: none.
    public init(factory: (any MetricsFactory)? = nil) {
        self.factory = factory
        families = CacheFamily.allCases.map { _ in FamilyCounters() }
        recorders = OnceReference { FamilyRecorders(factory: factory ?? MetricsSystem.factory) }
    }

    func hit(_ family: CacheFamily) {
        count(family, .hits, \.hits)
    }
    func miss(_ family: CacheFamily) {
        count(family, .misses, \.misses)
    }
    func error(_ family: CacheFamily) {
        count(family, .errors, \.errors)
    }
    /// Counts one KV get of `family` (hit, miss or error).
    func kvRead(_ family: CacheFamily) {
        count(family, .kvReads, \.kvReads)
    }
    /// Counts one KV put of `family`.
    func kvWrite(_ family: CacheFamily) {
        count(family, .kvWrites, \.kvWrites)
    }
    /// Counts one KV delete of `family`.
    func kvDelete(_ family: CacheFamily) {
        count(family, .kvDeletes, \.kvDeletes)
    }

    /// Adds one to `family`'s `counter`, then increments its swift-metrics `handle`.
    private func count(
        _ family: CacheFamily, _ counter: FamilyCounters.Kind, _ handle: KeyPath<KYXFamilyRecorder, Counter>
    ) {
        families[family.index].increment(counter)
        recorders.value.of(family)[keyPath: handle].increment()
    }

    /// KV gets, puts and deletes of `family`.
    /// JS equivalent: none (counters of the original `/api/admin/metrics`).
    public func kvCounts(_ family: CacheFamily) -> (reads: Int, writes: Int, deletes: Int) {
        let counters = families[family.index]
        return (counters.value(.kvReads), counters.value(.kvWrites), counters.value(.kvDeletes))
    }

    /// Counts one D1 query run for `family` (a cache miss, or caching off).
    func d1Executed(_ family: CacheFamily) {
        count(family, .d1Executed, \.d1Executed)
    }

    /// Counts one D1 query a cache hit of `family` made unnecessary.
    func d1Avoided(_ family: CacheFamily) {
        count(family, .d1Avoided, \.d1Avoided)
    }

    /// D1 queries run and avoided for `family`.
    /// JS equivalent: none (counters of the original `/api/admin/metrics`).
    public func d1Counts(_ family: CacheFamily) -> (executed: Int, avoided: Int) {
        let counters = families[family.index]
        return (counters.value(.d1Executed), counters.value(.d1Avoided))
    }

    /// Records one response time of `route` in milliseconds (in place: O(1) under the lock).
    func record(route: String, milliseconds: Double) {
        let timer = routes.withLock { routes -> Timer in
            if let index = routes.index(forKey: route) {
                routes.values[index].append(milliseconds)
                return routes.values[index].timer
            }
            let timer = Timer(
                label: "kyx_route_duration_seconds", dimensions: [("route", route)],
                factory: factory ?? MetricsSystem.factory)
            var samples = RouteSamples(capacity: Self.keptSamples, timer: timer)
            samples.append(milliseconds)
            routes[route] = samples
            return timer
        }
        timer.recordNanoseconds(Int64(milliseconds * 1_000_000))
    }

    /// Hits, misses and errors of `family`.
    /// JS equivalent: none (counters of the original `/api/admin/metrics`).
    public func counts(_ family: CacheFamily) -> (hits: Int, misses: Int, errors: Int) {
        let counters = families[family.index]
        return (counters.value(.hits), counters.value(.misses), counters.value(.errors))
    }

    /// D1 queries run and avoided by a cache hit, over every family.
    /// JS equivalent: none (counters of the original `/api/admin/metrics`).
    public var d1Counts: (executed: Int, avoided: Int) {
        families.reduce((0, 0)) { ($0.0 + $1.value(.d1Executed), $0.1 + $1.value(.d1Avoided)) }
    }

    /// Everything as JSON for `/api/admin/metrics`.
    var json: JSONValue {
        var families = JSONObject()
        var kvTotals = (reads: 0, writes: 0, deletes: 0)
        for family in CacheFamily.allCases {
            let counters = self.families[family.index]
            func number(_ kind: FamilyCounters.Kind) -> JSONValue { .number(Double(counters.value(kind))) }
            kvTotals.reads += counters.value(.kvReads)
            kvTotals.writes += counters.value(.kvWrites)
            kvTotals.deletes += counters.value(.kvDeletes)
            let hits = counters.value(.hits)
            let lookups = hits + counters.value(.misses)
            families[family.rawValue] = [
                "hits": .number(Double(hits)), "misses": number(.misses), "errors": number(.errors),
                "hitRate": .number(lookups == 0 ? 0 : Double(hits) / Double(lookups)),
                "d1Executed": number(.d1Executed), "d1Avoided": number(.d1Avoided),
                "kvReads": number(.kvReads), "kvWrites": number(.kvWrites), "kvDeletes": number(.kvDeletes),
            ]
        }
        let samplesByRoute = routes.withLock { $0.mapValues(\.values) }
        var routes = JSONObject()
        for (route, samples) in samplesByRoute.sorted(by: { $0.key < $1.key }) {
            let sorted = samples.sorted()
            let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
            routes[route] = [
                "count": .number(Double(samples.count)),
                "avgMs": .number(samples.reduce(0, +) / Double(samples.count)), "p95Ms": .number(p95),
            ]
        }
        let d1 = d1Counts
        return [
            "cache": .object(families),
            "d1": ["executed": .number(Double(d1.executed)), "avoided": .number(Double(d1.avoided))],
            "kv": [
                "reads": .number(Double(kvTotals.reads)), "writes": .number(Double(kvTotals.writes)),
                "deletes": .number(Double(kvTotals.deletes)),
            ],
            "routes": .object(routes),
        ]
    }
}
