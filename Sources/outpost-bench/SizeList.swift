import ArgumentParser

/// A comma-separated list of positive sizes, such as `1000,1000000` (`_` separators allowed).
struct SizeList: ExpressibleByArgument, Sendable {
    /// The sizes, in the order given.
    var values: [Int]

    init(_ values: [Int]) { self.values = values }

    init?(argument: String) {
        var values: [Int] = []
        for part in argument.split(separator: ",") {
            let digits = part.filter { $0 != "_" }
            guard let value = Int(digits), value > 0 else { return nil }
            values.append(value)
        }
        guard !values.isEmpty else { return nil }
        self.values = values
    }

    var defaultValueDescription: String {
        values.map(String.init).joined(separator: ",")
    }
}
