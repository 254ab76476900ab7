import Outpost
import Synchronization

/// Counters of one worker instance: cache hits/misses/errors per family, D1 queries run and avoided,
/// and response times per route. Owned by the worker value (no global state).
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
    }

    private let state = Mutex(State())
    private static let keptSamples = 1_000

    /// Empty counters.
    /// JS equivalent: none.
    public init() {}

    func hit(_ family: CacheFamily) { state.withLock { $0.families[family, default: .init()].hits += 1 } }
    func miss(_ family: CacheFamily) { state.withLock { $0.families[family, default: .init()].misses += 1 } }
    func error(_ family: CacheFamily) { state.withLock { $0.families[family, default: .init()].errors += 1 } }
    /// Counts one KV get of `family` (hit, miss or error).
    func kvRead(_ family: CacheFamily) { state.withLock { $0.families[family, default: .init()].kvReads += 1 } }
    /// Counts one KV put of `family`.
    func kvWrite(_ family: CacheFamily) { state.withLock { $0.families[family, default: .init()].kvWrites += 1 } }
    /// Counts one KV delete of `family`.
    func kvDelete(_ family: CacheFamily) { state.withLock { $0.families[family, default: .init()].kvDeletes += 1 } }

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
        state.withLock {
            $0.d1Executed += 1
            $0.families[family, default: .init()].d1Executed += 1
        }
    }

    /// Counts one D1 query a cache hit of `family` made unnecessary.
    func d1Avoided(_ family: CacheFamily) {
        state.withLock {
            $0.d1Avoided += 1
            $0.families[family, default: .init()].d1Avoided += 1
        }
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
        state.withLock { state in
            var samples = state.routeTimes[route, default: []]
            samples.append(milliseconds)
            if samples.count > Self.keptSamples { samples.removeFirst(samples.count - Self.keptSamples) }
            state.routeTimes[route] = samples
        }
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
