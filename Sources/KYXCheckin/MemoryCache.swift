import Outpost
import Synchronization

/// A process-local first level in front of KV (the isolate memory of a Worker): values kept for a few
/// seconds so the burst of requests of one page load, or a value every user reads (rankings, rewards),
/// costs one KV read instead of one per request. Owned by the worker value, shared by its requests.
///
/// Write-through and invalidated with KV by `KVCache` (a KV put or delete in this process updates or
/// drops the entry at once); another process sees a change at the latest when its entry expires.
final class MemoryCache: Sendable {
    private struct Entry {
        let value: JSONValue
        /// Epoch seconds after which the entry is gone.
        let expires: Double
        /// Epoch seconds the entry was stored at.
        let stored: Double
    }

    private struct State {
        var entries: [CacheKey: Entry] = [:]
        /// `changed[key]` is the generation (`MemoryCache.generation`) of the key's last change.
        var changed: [CacheKey: UInt64] = [:]
        /// The instant (the changing request's epoch seconds) of the key's last change.
        var changedAt: [CacheKey: Double] = [:]
        /// The generation of keys whose marks were dropped (a full `changed`).
        var floor: UInt64 = 0

        /// Records a change of `key` by a request of instant `now`, the change numbered `generation`.
        mutating func mark(_ key: CacheKey, now: Double, generation: UInt64) {
            changed[key] = generation
            changedAt[key] = max(changedAt[key] ?? now, now)
        }
    }

    // Read by every request, changed by fills and invalidations: readers share the lock.
    private let state = ReadWriteLocked(State())
    /// Bumped by every change (under the state's lock); read without it by `token()`.
    private let generation = Atomic<UInt64>(0)
    /// The most entries kept; when full, expired ones are dropped first, then all.
    let capacity: Int

    /// An empty cache holding at most `capacity` entries.
    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    /// The live value of `key` at `now` (epoch seconds), or `nil`.
    func get(_ key: String, now: Double) -> JSONValue? {
        entry(key, now: now)?.value
    }

    /// The live value of `key` at `now` and its age in seconds, or `nil`. An expired entry stays until
    /// a `set` replaces it or a full cache drops it (a reader changes nothing, so readers share the lock).
    func entry(_ key: String, now: Double) -> (value: JSONValue, age: Double)? {
        let key = CacheKey(key)
        return state.read { state in
            guard let entry = state.entries[key], entry.expires > now else { return nil }
            return (entry.value, now - entry.stored)
        }
    }

    /// The current generation: taken before a fill reads KV or D1, handed back to `set(since:)`.
    func token() -> UInt64 { generation.load(ordering: .acquiring) }

    /// Keeps `value` under `key` for `seconds` from `now`. A fill passes `since` (its `token()`): it is
    /// dropped when the key changed after that or at or after the fill's request began (`now`) — an
    /// update or a drop made while the fill read D1 or KV, even one whose KV write failed — or when a
    /// live entry is already there.
    func set(_ key: String, _ value: JSONValue, seconds: Int, now: Double, since token: UInt64? = nil) {
        guard seconds > 0 else { return }
        let key = CacheKey(key)
        state.write { state in
            if let token {
                if (state.changed[key] ?? state.floor) > token { return }
                if let at = state.changedAt[key], at >= now { return }
                if let current = state.entries[key], current.expires > now { return }
            } else {
                state.mark(key, now: now, generation: nextGeneration())
            }
            if state.entries.count >= capacity, state.entries[key] == nil {
                state.entries = state.entries.filter { $0.value.expires > now }
                if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            }
            if state.changed.count >= capacity {
                state.changed.removeAll(keepingCapacity: true)
                state.changedAt.removeAll(keepingCapacity: true)
                state.floor = generation.load(ordering: .acquiring)
            }
            state.entries[key] = Entry(value: value, expires: now + Double(seconds), stored: now)
        }
    }

    /// Drops `key`, changed by a request of instant `now` (fills that began before are refused).
    func remove(_ key: String, now: Double) {
        let key = CacheKey(key)
        state.write { state in
            state.entries[key] = nil
            state.mark(key, now: now, generation: nextGeneration())
        }
    }

    /// Drops every key starting with one of `prefixes`.
    func remove(prefixes: [String], now: Double) {
        state.write { state in
            for key in state.entries.keys where prefixes.contains(where: { key.text.hasPrefix($0) }) {
                state.entries[key] = nil
                state.mark(key, now: now, generation: nextGeneration())
            }
        }
    }

    /// The number of a new change (called under the state's lock, so changes are numbered in order).
    private func nextGeneration() -> UInt64 {
        generation.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
    }
}
