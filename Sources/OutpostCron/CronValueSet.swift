/// A set of small non-negative integers (0-63), the values one cron field allows.
struct CronValueSet: Sendable, Equatable {
    private var bits: UInt64 = 0

    /// An empty set.
    init() {}

    /// A set holding every value in `range`.
    init(_ range: ClosedRange<Int>) {
        for value in range { insert(value) }
    }

    /// Adds `value` (0-63).
    mutating func insert(_ value: Int) {
        bits |= 1 << UInt64(value)
    }

    /// Whether `value` is in the set.
    func contains(_ value: Int) -> Bool {
        value >= 0 && value < 64 && bits & (1 << UInt64(value)) != 0
    }

    /// The smallest value that is at least `value`, or `nil`.
    func first(atLeast value: Int) -> Int? {
        guard value < 64 else { return nil }
        let shifted = bits >> UInt64(max(value, 0))
        return shifted == 0 ? nil : max(value, 0) + shifted.trailingZeroBitCount
    }

    /// Whether the set is empty.
    var isEmpty: Bool { bits == 0 }

    /// The values in ascending order.
    var values: [Int] { (0..<64).filter(contains) }
}
