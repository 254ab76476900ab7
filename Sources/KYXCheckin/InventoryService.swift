import Outpost

/// The code inventory by denomination, through the `code_inventory` cache.
struct InventoryService: Sendable {
    let ctx: AppContext

    /// `[{amount, available, distributed, total}]` by denomination, ascending.
    func inventory() async throws -> JSONValue {
        try await ctx.caches.inventory.inventory { try await fromD1() }
    }

    /// Recomputes the inventory into KV (the admin's warm-up).
    func refresh() async throws { await ctx.caches.inventory.store(try await fromD1()) }

    /// Recomputes the inventory (the unissued-codes gauge) and brings a cached copy up to date (cron).
    func refreshCached() async throws { await ctx.caches.inventory.refresh(try await fromD1()) }

    /// The inventory straight from D1.
    func fromD1() async throws -> JSONValue {
        let rows = try await ctx.db.prepare(
            """
            SELECT amount_cents, SUM(is_distributed = 0) AS available, SUM(is_distributed = 1) AS distributed,
              COUNT(*) AS total
            FROM redemption_codes GROUP BY amount_cents ORDER BY amount_cents
            """
        ).all().results
        ctx.metrics.recordUnissued(rows.map { (amountCents: $0.int("amount_cents"), unissued: $0.int("available")) })
        return .array(rows.map { .object($0.dollars("amount_cents", as: "amount")) })
    }
}
