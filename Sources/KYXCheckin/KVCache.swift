import Outpost

/// One cache family over KV: read KV → D1 → compute, write D1 first then KV, and degrade to D1 on any
/// KV error (counted, logged, never failing the request).
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

    /// The cached value of `key`, or `nil` on a miss, when off, or on a KV error.
    func get(_ key: String) async -> JSONValue? {
        guard enabled, let kv else { return nil }
        metrics.kvRead(family)
        do {
            if let value = try await kv.getJSON(key) {
                metrics.hit(family)
                return value
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
        } catch {
            metrics.error(family)
            log("KV write of \(family.rawValue) failed: \(error)")
        }
    }

    /// Removes `key` (invalidation), ignoring KV errors.
    func delete(_ key: String) async {
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
        if let cached = await get(key) {
            metrics.d1Avoided(family)
            return cached
        }
        let value = try await load()
        metrics.d1Executed(family)
        await put(key, value, ttl: seconds)
        return value
    }

    /// Deletes every key of the family; answers how many were removed.
    func purge() async -> Int {
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
