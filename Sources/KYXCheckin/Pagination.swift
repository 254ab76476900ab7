import Outpost

/// `{"page", "limit", "total", "totalPages"}` of a paged list.
struct Pagination: Sendable {
    let page: Int
    let limit: Int
    let total: Int

    /// Page and limit from the `page` and `limit` query parameters (limit 1…`maxLimit`).
    init(request: Request, defaultLimit: Int = 50, maxLimit: Int = 200) {
        page = max(1, Int(request.query("page") ?? "") ?? 1)
        limit = min(maxLimit, max(1, Int(request.query("limit") ?? "") ?? defaultLimit))
        total = 0
    }

    init(page: Int, limit: Int, total: Int) {
        self.page = page
        self.limit = limit
        self.total = total
    }

    /// Rows to skip.
    var offset: Int { (page - 1) * limit }

    /// The same page with `total` known.
    func with(total: Int) -> Pagination { Pagination(page: page, limit: limit, total: total) }

    var json: JSONValue {
        [
            "page": .number(Double(page)), "limit": .number(Double(limit)), "total": .number(Double(total)),
            "totalPages": .number(Double((total + limit - 1) / limit)),
        ]
    }
}
