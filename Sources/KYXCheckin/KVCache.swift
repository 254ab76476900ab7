import Outpost

/// One cache family over KV: read memory → KV → D1 → compute, write D1 first then KV, and degrade to D1
/// on any KV error (counted, logged, never failing the request). The process-local `memory` level (when
/// the family's memory TTL is above 0) is written and dropped with KV, and only after KV succeeded.
struct KVCache: Sendable {
    /// The namespace, or `nil` when no KV is bound (every read is a miss).
    let kv: KVNamespace?
    /// The family this cache counts under.
    let family: CacheFamily
    /// The family's switch.
    let enabled: Bool
    /// The family's TTL in seconds.
    let ttl: Int
    /// Where hits, misses and errors are counted.
    let metrics: KYXMetrics
    /// Where KV errors are reported.
    let log: @Sendable (String) -> Void
    /// The process-local level, or `nil` for none.
    var memory: MemoryCache? = nil
    /// Seconds a value stays in `memory` (0: the family skips it).
    var memoryTTL = 0
    /// The request's instant in epoch seconds (memory expiry).
    var now: Double = 0

    /// The cached value of `key`, or `nil` on a miss, when off, or on a KV error.
    func get(_ key: String) async -> JSONValue? {
        await lookup(key)?.value
    }

    /// The cached value of `key` and the level that answered (`.memory` or `.kv`), or `nil`.
    func lookup(_ key: String) async -> (value: JSONValue, source: CacheSource)? {
        guard enabled, let kv else { return nil }
        if memoryTTL > 0, let value = memory?.get(key, now: now) {
            metrics.hit(family)
            return (value, .memory)
        }
        metrics.kvRead(family)
        do {
            if let value = try await kv.getJSON(key) {
                metrics.hit(family)
                remember(key, value)
                return (value, .kv)
            }
            metrics.miss(family)
        } catch {
            metrics.error(family)
            log("KV read of \(family.rawValue) failed, serving from D1: \(error)")
        }
        return nil
    }

    /// Stores `value` under `key` for `ttl` seconds (at least KV's 60), ignoring KV errors.
    func put(_ key: String, _ value: JSONValue, ttl seconds: Int? = nil) async {
        guard enabled, let kv else { return }
        let lifetime = seconds ?? ttl
        guard lifetime >= KVLimits.minExpirationTtl else { return }
        metrics.kvWrite(family)
        do {
            try await kv.put(key, json: value, expirationTtl: lifetime)
            remember(key, value, ttl: lifetime)
        } catch {
            memory?.remove(key)  // no older value may outlive a write that failed
            metrics.error(family)
            log("KV write of \(family.rawValue) failed: \(error)")
        }
    }

    /// Keeps `value` in the memory level only (no KV write): a value about to change, or one just read
    /// from KV. At most `ttl` seconds when given (a KV entry's own lifetime).
    func remember(_ key: String, _ value: JSONValue, ttl seconds: Int? = nil) {
        guard enabled, memoryTTL > 0, let memory else { return }
        memory.set(key, value, seconds: min(memoryTTL, seconds ?? memoryTTL), now: now)
    }

    /// Removes `key` (invalidation), ignoring KV errors.
    func delete(_ key: String) async {
        memory?.remove(key)
        guard let kv else { return }
        metrics.kvDelete(family)
        do {
            try await kv.delete(key)
        } catch {
            metrics.error(family)
            log("KV delete of \(family.rawValue) failed: \(error)")
        }
    }

    /// The value of `key`: from KV, else `load()` from D1 (counted as one query) then written back.
    func fetch(_ key: String, ttl seconds: Int? = nil, load: () async throws -> JSONValue) async throws -> JSONValue {
        try await fetchTraced(key, ttl: seconds, load: load).value
    }

    /// `fetch`, also answering which level answered (`.d1` when `load()` ran).
    func fetchTraced(_ key: String, ttl seconds: Int? = nil, load: () async throws -> JSONValue) async throws
        -> (value: JSONValue, source: CacheSource)
    {
        if let cached = await lookup(key) {
            metrics.d1Avoided(family)
            return cached
        }
        let value = try await load()
        metrics.d1Executed(family)
        await put(key, value, ttl: seconds)
        return (value, .d1)
    }

    /// Deletes every key of the family; answers how many were removed.
    func purge() async -> Int {
        memory?.remove(prefixes: family.prefixes)
        guard let kv else { return 0 }
        var removed = 0
        do {
            for prefix in family.prefixes {
                var cursor: String?
                repeat {
                    let page = try await kv.list(prefix: prefix, cursor: cursor)
                    for key in page.keys {
                        metrics.kvDelete(family)
                        try await kv.delete(key.name)
                        removed += 1
                    }
                    cursor = page.listComplete ? nil : page.cursor
                } while cursor != nil
            }
        } catch {
            metrics.error(family)
            log("KV purge of \(family.rawValue) failed: \(error)")
        }
        return removed
    }
}
