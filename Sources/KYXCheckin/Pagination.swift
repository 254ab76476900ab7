import Outpost

/// `{"page", "limit", "total", "totalPages"}` of a paged list.
struct Pagination: Sendable {
    /// The highest page a request may ask for (keeps `offset` far from overflow).
    static let maxPage = 1_000_000

    let page: Int
    let limit: Int
    let total: Int

    /// Page and limit from the `page` (1…`maxPage`) and `limit` (1…`maxLimit`) query parameters;
    /// anything else is a 400.
    init(request: Request, defaultLimit: Int = 50, maxLimit: Int = 200) throws {
        page = try request.integer("page", default: 1, in: 1...Self.maxPage)
        limit = try request.integer("limit", default: defaultLimit, in: 1...maxLimit)
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
