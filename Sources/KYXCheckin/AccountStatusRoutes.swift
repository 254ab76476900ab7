import Outpost

/// `POST /api/admin/users/status {userId, active}` and `POST /api/admin/admins/status {adminId, active}`:
/// activate or deactivate an account. Deactivation ends every session of the account at once, in D1
/// and in the KV session cache; it is logged with the acting admin. An admin cannot deactivate
/// themself (so the last admin cannot lock everyone out by mistake).
struct AccountStatusRoutes: Sendable {
    let admin: AdminContext
    private var ctx: AppContext { admin.ctx }

    /// Answers an account-status route, or `nil`.
    func handle(method: String, path: String) async throws -> Response? {
        switch (method, path) {
        case ("POST", "/api/admin/users/status"): return try await update(.user, idField: "userId")
        case ("POST", "/api/admin/admins/status"): return try await update(.admin, idField: "adminId")
        default: return nil
        }
    }

    private func update(_ kind: SessionStore.Kind, idField: String) async throws -> Response {
        let body = await admin.body()
        guard let id = body[idField]?.integer(in: 1...Int.max), let active = body["active"]?.boolValue else {
            throw APIError(400, "参数无效: 需要 \(idField)（正整数）和 active（布尔值）")
        }
        if kind == .admin, id == admin.adminID, !active { throw APIError(400, "不能停用当前登录的管理员") }
        let result = try await SessionStore(ctx: ctx, kind: kind).setActive(ownerID: id, active)
        guard result.found else { throw APIError(404, kind == .user ? "用户不存在" : "管理员不存在") }
        let noun = kind == .user ? "用户" : "管理员"
        try await OperationLog.record(
            ctx, adminID: admin.adminID, type: "account",
            detail: "\(active ? "启用" : "停用")\(noun) #\(id)，结束会话 \(result.ended) 个",
            targetType: kind == .user ? "user" : "admin", targetID: String(id))
        return AdminContext.ok([
            "message": .string(active ? "账号已启用" : "账号已停用"), "endedSessions": .number(Double(result.ended)),
        ])
    }
}
