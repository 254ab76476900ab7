/// A benchmark that could not run or saw a wrong answer.
struct BenchError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
