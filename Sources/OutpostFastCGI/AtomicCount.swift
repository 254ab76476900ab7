import Synchronization

/// One atomic counter as a class, so several can live in an array (`Atomic` itself is not copyable).
final class AtomicCount: Sendable {
    private let count = Atomic<Int>(0)

    /// Adds `amount`.
    func add(_ amount: Int) { count.add(amount, ordering: .relaxed) }

    /// The count now.
    var value: Int { count.load(ordering: .relaxed) }
}
