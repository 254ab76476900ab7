import Outpost

/// `POST /api/checkin`: one check-in a day, streak, reward, and the atomic claim of the smallest code
/// ≥ the reward (oldest first) — insert, claim, link and stats update in one D1 batch.
struct CheckinService: Sendable {
    let ctx: AppContext

    /// Checks `userID` in for today and answers the V6 response body.
    func checkIn(userID: Int) async throws -> JSONValue {
        let today = ctx.today
        if let existing = try await todaysRow(userID: userID, date: today) { return Self.already(existing) }
        let streak = try await streak(userID: userID, today: today)
        let rules = try await RewardRules.load(ctx)
        let base = rules.baseCents
        let bonus = rules.bonusCents(streak: streak)
        do {
            _ = try await ctx.db.batch(
                statements(userID: userID, date: today, streak: streak, base: base, bonus: bonus))
        } catch let error as D1Error where error.message.contains("UNIQUE constraint failed") {
            if let existing = try await todaysRow(userID: userID, date: today) { return Self.already(existing) }
            throw error
        }
        guard let row = try await todaysRow(userID: userID, date: today, withUserTotal: true) else {
            throw APIError(500, "签到失败: 记录缺失")
        }
        let code = row.string("redemption_code")
        if code != nil { await ctx.caches.inventory.invalidate() }
        let stats = try await UserStatsService(ctx: ctx).afterCheckIn(
            userID: userID, streak: streak, date: today, codeCents: code == nil ? nil : row.int("code_amount_cents"),
            userTotalCents: row.int("user_total_cents"))
        ctx.metrics.checkIn(completed: code != nil)
        return response(row: row, stats: stats, streak: streak, base: base, bonus: bonus)
    }

    /// Today's check-in of `userID` with the face value of its code, or `nil`; with `withUserTotal`, also
    /// the user's `total_amount_cents` as `user_total_cents` (what the stats' base is checked against).
    func todaysRow(userID: Int, date: String, withUserTotal: Bool = false) async throws -> JSONObject? {
        let total =
            withUserTotal ? ", (SELECT total_amount_cents FROM users WHERE id = ci.user_id) AS user_total_cents" : ""
        return try await ctx.db.prepare(
            """
            SELECT ci.*, rc.amount_cents AS code_amount_cents\(total) FROM check_ins ci
            LEFT JOIN redemption_codes rc ON rc.checkin_id = ci.id
            WHERE ci.user_id = ? AND ci.check_in_date = ?
            """
        ).bind(userID, date).first()
    }

    private func streak(userID: Int, today: String) async throws -> Int {
        let previous = try await ctx.db.prepare(
            """
            SELECT check_in_date, consecutive_days FROM check_ins WHERE user_id = ? AND check_in_date < ?
            ORDER BY check_in_date DESC LIMIT 1
            """
        ).bind(userID, today).first()
        let calculator = StreakCalculator(calendar: ctx.settings.calendar, maxBreakDays: ctx.settings.maxBreakDays)
        return calculator.streak(
            today: today,
            previous: previous.flatMap { row in
                row.string("check_in_date").map { ($0, row.int("consecutive_days")) }
            })
    }

    private func statements(userID: Int, date: String, streak: Int, base: Int, bonus: Int) throws
        -> [D1PreparedStatement]
    {
        let now = ctx.nowISO
        let thisCheckIn = "(SELECT id FROM check_ins WHERE user_id = ? AND check_in_date = ?)"
        return [
            try ctx.db.prepare(
                """
                INSERT INTO check_ins (user_id, check_in_date, check_in_time, base_amount_cents, bonus_amount_cents,
                  total_amount_cents, consecutive_days, status, ip_address, user_agent, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending_distribution', ?, ?, ?)
                """
            ).bind(
                userID, date, now, base, bonus, base + bonus, streak, clientAddress, ctx.request.headers["user-agent"],
                now),
            try ctx.db.prepare(
                """
                UPDATE redemption_codes SET is_distributed = 1, distributed_to = ?, distributed_at = ?,
                  distribution_type = 'checkin', checkin_id = \(thisCheckIn)
                WHERE id = (SELECT id FROM redemption_codes WHERE is_distributed = 0 AND amount_cents >= ?
                            ORDER BY amount_cents ASC, created_at ASC, id ASC LIMIT 1)
                  AND is_distributed = 0
                """
            ).bind(userID, now, userID, date, base + bonus),
            try ctx.db.prepare(
                """
                UPDATE check_ins SET
                  redemption_code = (SELECT code FROM redemption_codes WHERE checkin_id = check_ins.id),
                  status = CASE WHEN EXISTS (SELECT 1 FROM redemption_codes WHERE checkin_id = check_ins.id)
                           THEN 'completed' ELSE 'pending_distribution' END
                WHERE user_id = ? AND check_in_date = ?
                """
            ).bind(userID, date),
            try ctx.db.prepare(
                """
                UPDATE users SET total_checkins = total_checkins + 1, consecutive_checkins = ?,
                  max_consecutive_checkins = MAX(max_consecutive_checkins, ?), last_checkin_date = ?,
                  total_amount_cents = total_amount_cents
                    + COALESCE((SELECT amount_cents FROM redemption_codes WHERE checkin_id = \(thisCheckIn)), 0),
                  updated_at = ?
                WHERE id = ?
                """
            ).bind(streak, streak, date, userID, date, now, userID),
        ]
    }

    private var clientAddress: String? { ctx.clientAddress }

    private func response(row: JSONObject, stats: JSONValue, streak: Int, base: Int, bonus: Int) -> JSONValue {
        let reward: JSONObject = [
            "amount": .number(Money.dollars(base + bonus)), "baseAmount": .number(Money.dollars(base)),
            "bonusAmount": .number(Money.dollars(bonus)), "consecutiveDays": .number(Double(streak)),
        ]
        guard let code = row.string("redemption_code") else {
            var body = reward
            body["success"] = true
            body["status"] = "pending_distribution"
            body["message"] = "签到成功！兑换码待管理员分配"
            body["reward"] = [
                "baseAmount": reward["baseAmount"]!, "bonusAmount": reward["bonusAmount"]!,
                "totalAmount": reward["amount"]!, "consecutiveDays": reward["consecutiveDays"]!,
            ]
            return .object(body)
        }
        var body = reward
        body["success"] = true
        body["status"] = "completed"
        body["message"] = "签到成功！"
        body["redemptionCode"] = .string(code)
        body["codeAmount"] = .number(Money.dollars(row.int("code_amount_cents")))
        body["stats"] = stats
        return .object(body)
    }

    private static func already(_ row: JSONObject) -> JSONValue {
        [
            "success": false, "message": "今日已签到", "checkedIn": true,
            "code": row.string("redemption_code").map { .string($0) } ?? .null,
            "amount": .number(Money.dollars(row.int("total_amount_cents"))),
            "codeAmount": row["code_amount_cents"]?.isNull == false
                ? .number(Money.dollars(row.int("code_amount_cents"))) : .null,
            "status": .string(row.string("status") ?? "completed"),
        ]
    }
}
