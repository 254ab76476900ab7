import Outpost

/// `operation_logs` rows for admin writes, as statements to run in the same batch as the write.
enum OperationLog {
    /// The insert recording that `adminID` did `type` (`upload`, `generate`, `delete`, …) on a target.
    static func statement(
        _ ctx: AppContext, adminID: Int, type: String, detail: String, targetType: String, targetID: String?
    ) throws -> D1PreparedStatement {
        try ctx.db.prepare(
            """
            INSERT INTO operation_logs (operator_type, operator_id, operation_type, operation_detail, target_type,
              target_id, result, created_at) VALUES ('admin', ?, ?, ?, ?, ?, 'success', ?)
            """
        ).bind(adminID, type, detail, targetType, targetID, ctx.nowISO)
    }

    /// Records the entry on its own.
    static func record(
        _ ctx: AppContext, adminID: Int, type: String, detail: String, targetType: String, targetID: String?
    ) async throws {
        _ = try await statement(
            ctx, adminID: adminID, type: type, detail: detail, targetType: targetType, targetID: targetID
        ).run()
    }
}
