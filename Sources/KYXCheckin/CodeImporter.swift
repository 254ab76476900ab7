import Outpost

/// Stocks codes: TXT import (multipart `file` + `amount`) and random generation, each one atomic batch
/// with its `upload_batches` row and operation log.
struct CodeImporter: Sendable {
    let admin: AdminContext
    private var ctx: AppContext { admin.ctx }
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    /// `POST /api/admin/codes/import`.
    func importFile() async throws -> Response {
        guard let form = try? await ctx.request.formData(), case .file(let filename, _, let bytes)? = form.get("file"),
            let cents = Money.cents(form.string("amount").flatMap { Double($0) }), cents > 0
        else { throw APIError(400, "文件或金额参数无效") }
        let parsed = CodeImportParser.parse(String(decoding: bytes, as: UTF8.self))
        guard parsed.total > 0 else { throw APIError(400, "文件内容为空") }
        let existing = try await existingCodes(parsed.codes)
        let fresh = parsed.codes.filter { !existing.contains($0) }
        guard !fresh.isEmpty else { throw APIError(400, "文件中没有有效的兑换码") }
        let batchID = try await insert(
            fresh, cents: cents, filename: filename, source: "import",
            counts: (parsed.total, parsed.invalid.count, parsed.duplicatesInFile.count + existing.count),
            detail:
                "导入兑换码文件: \(filename), 有效: \(fresh.count), 重复: \(parsed.duplicatesInFile.count + existing.count), 无效: \(parsed.invalid.count)"
        )
        return AdminContext.ok([
            "message": "兑换码导入完成",
            "result": [
                "batchId": .number(Double(batchID)), "totalCodes": .number(Double(parsed.total)),
                "validCodes": .number(Double(fresh.count)),
                "duplicateCodes": .number(Double(parsed.duplicatesInFile.count + existing.count)),
                "duplicatesInFile": .array(parsed.duplicatesInFile.prefix(100).map { .string($0) }),
                "duplicatesInTable": .array(existing.sorted().prefix(100).map { .string($0) }),
                "invalidCodes": .number(Double(parsed.invalid.count)),
                "invalidSamples": .array(parsed.invalid.prefix(20).map { .string($0) }),
                "amount": .number(Money.dollars(cents)),
            ],
        ])
    }

    /// `POST /api/admin/codes/generate` `{count, amount}`.
    func generate() async throws -> Response {
        let body = await admin.body()
        guard let count = body["count"]?.intValue, count > 0, let cents = Money.cents(body["amount"]?.dollarAmount),
            cents > 0
        else { throw APIError(400, "参数无效") }
        guard count <= 1000 else { throw APIError(400, "单次生成数量不能超过1000个") }
        let codes = (0..<count).map { _ in randomCode() }
        let batchID = try await insert(
            codes, cents: cents, filename: "generated", source: "generate", counts: (count, 0, 0),
            detail: "生成兑换码: \(count)个，金额: $\(Money.text(cents))")
        return AdminContext.ok([
            "message": .string("成功生成\(count)个兑换码"), "codes": .array(codes.map { .string($0) }),
            "batchId": .number(Double(batchID)),
        ])
    }

    private func randomCode() -> String {
        var code = ""
        while code.count < 12 {
            for byte in WebCrypto.randomBytes(16) where byte < 252 && code.count < 12 {
                code.append(Self.alphabet[Int(byte) % 36])
            }
        }
        return code
    }

    private func existingCodes(_ codes: [String]) async throws -> Set<String> {
        var found = Set<String>()
        var start = 0
        while start < codes.count {
            let chunk = Array(codes[start..<min(codes.count, start + 90)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let rows = try await ctx.db.prepare("SELECT code FROM redemption_codes WHERE code IN (\(placeholders))")
                .bind(chunk).all().results
            for row in rows { if let code = row.string("code") { found.insert(code) } }
            start += 90
        }
        return found
    }

    private func insert(
        _ codes: [String], cents: Int, filename: String, source: String,
        counts: (total: Int, invalid: Int, duplicates: Int), detail: String
    ) async throws -> Int {
        let token = WebCrypto.randomUUID()
        var statements = [
            try ctx.db.prepare(
                """
                INSERT INTO upload_batches (filename, amount_cents, total_codes, valid_codes, duplicate_codes,
                  invalid_codes, source, token, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            ).bind(
                filename, cents, counts.total, codes.count, counts.duplicates, counts.invalid, source, token,
                admin.adminID, ctx.nowISO)
        ]
        for code in codes {
            statements.append(
                try ctx.db.prepare(
                    """
                    INSERT INTO redemption_codes (code, amount_cents, batch_id, created_at)
                    VALUES (?, ?, (SELECT id FROM upload_batches WHERE token = ?), ?)
                    """
                ).bind(code, cents, token, ctx.nowISO))
        }
        statements.append(
            try OperationLog.statement(
                ctx, adminID: admin.adminID, type: source == "import" ? "upload" : "generate", detail: detail,
                targetType: "batch", targetID: token))
        do {
            _ = try await BatchGuard.run(ctx, statements)
        } catch  where BatchGuard.isUniqueViolation(error) {
            throw APIError(409, "兑换码已存在，请重试")
        }
        await ctx.caches.inventory.invalidate()
        return try await ctx.db.prepare("SELECT id FROM upload_batches WHERE token = ?").bind(token).first()?.int("id")
            ?? 0
    }
}
