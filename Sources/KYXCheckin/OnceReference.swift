import Synchronization

/// An object made on first use and kept: reading it after that is one atomic load, no lock. The lock
/// is taken only until the object exists, so two first users never make it twice.
final class OnceReference<Value: AnyObject & Sendable>: Sendable {
    private let slot = Atomic<Unmanaged<Value>?>(nil)
    private let making = Mutex(())
    private let make: @Sendable () -> Value

    /// A reference `make` fills at the first `value`.
    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// The object, made now when this is the first use.
    var value: Value {
        if let made = slot.load(ordering: .acquiring) { return made.takeUnretainedValue() }
        return making.withLock { _ in
            if let made = slot.load(ordering: .acquiring) { return made.takeUnretainedValue() }
            let made = make()
            slot.store(Unmanaged.passRetained(made), ordering: .releasing)
            return made
        }
    }

    deinit {
        slot.load(ordering: .acquiring)?.release()
    }
}
