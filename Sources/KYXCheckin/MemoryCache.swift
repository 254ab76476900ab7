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
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// The most entries kept; when full, expired ones are dropped first, then all.
    let capacity: Int

    /// An empty cache holding at most `capacity` entries.
    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    /// The live value of `key` at `now` (epoch seconds), or `nil`.
    func get(_ key: String, now: Double) -> JSONValue? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.expires > now else {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    /// Keeps `value` under `key` for `seconds` from `now`.
    func set(_ key: String, _ value: JSONValue, seconds: Int, now: Double) {
        guard seconds > 0 else { return }
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil {
                entries = entries.filter { $0.value.expires > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = Entry(value: value, expires: now + Double(seconds))
        }
    }

    /// Drops `key`.
    func remove(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    /// Drops every key starting with one of `prefixes`.
    func remove(prefixes: [String]) {
        entries.withLock { entries in
            entries = entries.filter { key, _ in !prefixes.contains { key.hasPrefix($0) } }
        }
    }
}
