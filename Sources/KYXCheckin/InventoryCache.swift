import Outpost

/// The inventory family: `code_inventory`, 30 min, invalidated on every inventory change.
struct InventoryCache: Sendable {
    let cache: KVCache
    static let key = "code_inventory"

    /// The inventory by denomination: from KV, else `load()`.
    func inventory(load: () async throws -> JSONValue) async throws -> JSONValue {
        try await cache.fetch(Self.key, load: load)
    }

    /// Stores a recomputed inventory (cron, warm-up).
    func store(_ inventory: JSONValue) async { await cache.putIfChanged(Self.key, inventory) }

    /// Invalidates the inventory.
    func invalidate() async { await cache.delete(Self.key) }
}
