import Outpost

/// The inventory family: `code_inventory`, 30 min, invalidated on every inventory change.
struct InventoryCache: Sendable {
    let cache: KVCache
    static let key = "code_inventory"

    /// The inventory by denomination: from KV, else `load()`.
    func inventory(load: () async throws -> JSONValue) async throws -> JSONValue {
        try await cache.fetch(Self.key, load: load)
    }

    /// Stores a recomputed inventory (the admin's warm-up), unless KV holds the same.
    func store(_ inventory: JSONValue) async { await cache.putIfChanged(Self.key, inventory) }

    /// Brings a cached inventory up to date (the 5-minute cron): rewritten when KV holds one that differs
    /// from D1, not created when there is none. Only admins read it while check-ins change it all day, so
    /// an entry made for nobody would cost its write and the next claim's delete every 5 minutes.
    func refresh(_ inventory: JSONValue) async { await cache.refreshIfPresent(Self.key, inventory) }

    /// Invalidates the inventory after a change (check-in claim, import, generate, delete, distribute,
    /// resolve): deleted when KV holds it — most claims find it already gone and cost a read, not a
    /// write. Not updated in place: a claim a minute against a read an hour, an entry kept alive would
    /// cost a write per claim.
    func invalidate() async { await cache.deleteIfPresent(Self.key) }
}
