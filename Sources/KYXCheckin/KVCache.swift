import Outpost

/// One cache family over KV: read memory → KV → D1 → compute, write D1 first then KV, and degrade to D1
/// on any KV error (counted, logged, never failing the request). The process-local `memory` level (when
/// the family's memory TTL is above 0) is written with KV after KV succeeded and dropped with it.
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
    /// The request's own KV operation counts, or `nil`.
    var tally: KVTally? = nil

    /// The cached value of `key`, or `nil` on a miss, when off, or on a KV error.
    func get(_ key: String) async -> JSONValue? {
        await lookup(key)?.value
    }

    /// The cached value of `key` and the level that answered (`.memory` or `.kv`), or `nil`.
    /// A memory value failing `servesFromMemory` is passed over for KV.
    func lookup(_ key: String, servesFromMemory: (JSONValue) -> Bool = { _ in true }) async
        -> (value: JSONValue, source: CacheSource)?
    {
        guard enabled, let kv else { return nil }
        let token = fillToken()
        if memoryTTL > 0, let value = memory?.get(key, now: now), servesFromMemory(value) {
            metrics.hit(family)
            return (value, .memory)
        }
        metrics.kvRead(family)
        tally?.read()
        do {
            if let value = try await kv.getJSON(key) {
                metrics.hit(family)
                remember(key, value, since: token)
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
        tally?.write()
        do {
            try await kv.put(key, json: value, expirationTtl: lifetime)
            remember(key, value, ttl: lifetime)
        } catch {
            memory?.remove(key, now: now)  // no older value may outlive a write that failed
            metrics.error(family)
            log("KV write of \(family.rawValue) failed: \(error)")
        }
    }

    /// Stores a recomputed `value` (cron, warm-up) unless KV already holds the same: a KV read instead of a
    /// write when nothing changed (a night without check-ins rewrites nothing). An unchanged entry is left
    /// to its TTL, after which the next read loads it again. Answers whether it wrote.
    @discardableResult
    func putIfChanged(_ key: String, _ value: JSONValue) async -> Bool {
        guard enabled, let kv else { return false }
        metrics.kvRead(family)
        tally?.read()
        if let current = try? await kv.getJSON(key), current == value {
            remember(key, value)
            return false
        }
        await put(key, value)
        return true
    }

    /// Rewrites `key` with a recomputed `value` only when KV holds an entry that differs (cron): an entry
    /// someone reads is kept exact, an absent one is left to the next read's miss instead of being
    /// created for nobody. Answers whether it wrote.
    @discardableResult
    func refreshIfPresent(_ key: String, _ value: JSONValue) async -> Bool {
        guard enabled, let kv else { return false }
        metrics.kvRead(family)
        tally?.read()
        guard let current = try? await kv.getJSON(key) else { return false }
        if current == value {
            remember(key, value)
            return false
        }
        await put(key, value)
        return true
    }

    /// Keeps `value` in the memory level only (no KV write): a value about to change, or one just read.
    /// At most `ttl` seconds when given (a KV entry's own lifetime). A fill passes the `fillToken()` it
    /// took before reading: it is dropped if the key changed meanwhile or a live entry is there.
    func remember(_ key: String, _ value: JSONValue, ttl seconds: Int? = nil, since token: UInt64? = nil) {
        guard enabled, memoryTTL > 0, let memory else { return }
        memory.set(key, value, seconds: min(memoryTTL, seconds ?? memoryTTL), now: now, since: token)
    }

    /// Keeps `value` in the memory level for `seconds`, beyond the family's memory TTL: a value never
    /// answered from memory (its `lookup` passes it over), only read as the base of a change that is
    /// checked against D1 first. A fill, as `remember(since:)`.
    func rememberBase(_ key: String, _ value: JSONValue, seconds: Int, since token: UInt64?) {
        guard enabled, memoryTTL > 0, let memory else { return }
        memory.set(key, value, seconds: seconds, now: now, since: token)
    }

    /// The memory level's value of `key` and its age in seconds, whatever its kind (a base included), or
    /// `nil`; no KV read.
    func memoryEntry(_ key: String) -> (value: JSONValue, age: Double)? {
        guard enabled, memoryTTL > 0 else { return nil }
        return memory?.entry(key, now: now)
    }

    /// The memory level's generation before a read (for `remember(since:)`), or `nil` without one.
    func fillToken() -> UInt64? {
        memoryTTL > 0 ? memory?.token() : nil
    }

    /// Removes `key` (invalidation), ignoring KV errors.
    func delete(_ key: String) async {
        memory?.remove(key, now: now)
        guard let kv else { return }
        metrics.kvDelete(family)
        tally?.delete()
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

    /// Removes `key` when KV holds it (invalidation of an entry that changes more often than it is read):
    /// a KV read, and the delete — billed as a write — only for an entry that is there. On a read error
    /// it deletes anyway (a stale entry must not survive).
    func deleteIfPresent(_ key: String) async {
        memory?.remove(key, now: now)
        guard let kv else { return }
        metrics.kvRead(family)
        tally?.read()
        do {
            if try await kv.get(key) == nil { return }
        } catch {
            metrics.error(family)
            log("KV read of \(family.rawValue) failed, deleting: \(error)")
        }
        await delete(key)
    }

    /// Deletes every key of the family; answers how many were removed.
    func purge() async -> Int {
        memory?.remove(prefixes: family.prefixes, now: now)
        guard let kv else { return 0 }
        var removed = 0
        do {
            for prefix in family.prefixes {
                var cursor: String?
                repeat {
                    let page = try await kv.list(prefix: prefix, cursor: cursor)
                    for key in page.keys {
                        metrics.kvDelete(family)
                        tally?.delete()
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
