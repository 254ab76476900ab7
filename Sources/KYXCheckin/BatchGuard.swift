import Outpost

/// Statements that make a D1 batch roll itself back when a condition fails inside its transaction:
/// `INSERT INTO batch_guards (ok) VALUES (<condition>)` violates `CHECK (ok = 1)` when false.
enum BatchGuard {
    /// The guard: `condition` is SQL returning 1 or 0, with `values` bound.
    static func require(_ ctx: AppContext, _ condition: String, _ values: [any D1Bindable]) throws
        -> D1PreparedStatement
    {
        try ctx.db.prepare("INSERT INTO batch_guards (ok) VALUES ((\(condition)))").bind(values)
    }

    /// Removes the guard rows again (last statement of the batch).
    static func clear(_ ctx: AppContext) -> D1PreparedStatement {
        ctx.db.prepare("DELETE FROM batch_guards")
    }

    /// Whether `error` is a guard failure.
    static func failed(_ error: any Error) -> Bool {
        "\(error)".contains("CHECK constraint failed")
    }

    /// Runs `statements` as one D1 batch (untyped throws, so callers can pattern-match the error).
    static func run(_ ctx: AppContext, _ statements: [D1PreparedStatement]) async throws -> [D1Result] {
        try await ctx.db.batch(statements)
    }

    /// Whether `error` is a UNIQUE violation.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        "\(error)".contains("UNIQUE constraint failed")
    }
}
