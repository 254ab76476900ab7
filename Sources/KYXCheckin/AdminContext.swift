import Outpost

/// A request's context with the acting admin (from the session).
struct AdminContext: Sendable {
    let ctx: AppContext
    let adminID: Int

    /// The request body as a JSON object.
    func body() async -> JSONObject { await ctx.jsonBody() }

    /// `{"success": true, …}`.
    static func ok(_ fields: JSONObject) -> Response {
        var body: JSONObject = ["success": true]
        for (key, value) in fields { body[key] = value }
        return .json(.object(body))
    }
}
