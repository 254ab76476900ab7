import Outpost

extension Request {
    /// The integer query parameter `name`, `fallback` when absent; a 400 naming the parameter and its
    /// range when it is not an integer in `range` (no request value can trap the process).
    func integerQuery(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = query(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw HTTPError(
                400, "Query parameter \"\(name)\" must be an integer from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }
}
