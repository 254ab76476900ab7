/// Dollar amounts as integer cents, the unit D1 stores.
enum Money {
    /// Cents as a JSON number of dollars (`1050` → `10.5`).
    static func dollars(_ cents: Int) -> Double { Double(cents) / 100 }

    /// Cents as `x.xx` text.
    static func text(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let absolute = abs(cents)
        let remainder = absolute % 100
        return "\(sign)\(absolute / 100).\(remainder < 10 ? "0" : "")\(remainder)"
    }

    /// Dollars as cents, or `nil` when missing or not a finite amount.
    static func cents(_ dollars: Double?) -> Int? {
        guard let dollars, dollars.isFinite, abs(dollars) < 1e9 else { return nil }
        return Int((dollars * 100).rounded())
    }
}
