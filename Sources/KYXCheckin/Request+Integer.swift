import Outpost

extension Request {
    /// Query parameter `name` as an integer within `range`; `fallback` when absent or empty. Anything
    /// else — not a decimal integer, beyond 64 bits, outside `range` — is a 400 naming the parameter
    /// and its range, so no request number reaches arithmetic unbounded.
    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = query(name), !text.isEmpty else { return fallback }
        return try Self.bounded(text, name: name, in: range)
    }

    /// Query parameter `name` as an integer within `range`, or `nil` when absent or empty.
    func optionalInteger(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = query(name), !text.isEmpty else { return nil }
        return try Self.bounded(text, name: name, in: range)
    }

    /// `text` as an integer within `range`, or the 400 to answer.
    static func bounded(_ text: some StringProtocol, name: String, in range: ClosedRange<Int>) throws -> Int {
        guard text.utf8.count <= 20, let value = Int(text), range.contains(value) else {
            throw APIError.invalidNumber(name, range)
        }
        return value
    }
}

extension APIError {
    /// A number of the request that is not an integer within `range`.
    static func invalidNumber(_ name: String, _ range: ClosedRange<Int>) -> APIError {
        APIError(400, "参数无效: \(name) 必须是 \(range.lowerBound) 到 \(range.upperBound) 之间的整数")
    }
}

extension JSONValue {
    /// The number as an integer within `range`, or `nil` (missing, fractional, not a number, out of range).
    func integer(in range: ClosedRange<Int>) -> Int? {
        guard let value = intValue, range.contains(value) else { return nil }
        return value
    }
}
