import Outpost

extension D1Error {
    /// Whether the error is SQLite's `SQLITE_BUSY` or `SQLITE_LOCKED` (another connection writing).
    var isBusy: Bool {
        guard kind == .query else { return false }
        return ["SQLITE_BUSY", "SQLITE_LOCKED"].contains { code in
            cause.hasSuffix(": \(code)") || cause.contains("(extended: \(code)_")
        }
    }
}
