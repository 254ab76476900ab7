import Synchronization

/// Per-thread flags the stopper reads.
final class AcceptThreadState: Sendable {
    let index: Int
    let idle = Atomic<Bool>(false)
    let exited = Atomic<Bool>(false)
    let thread = Atomic<UInt>(0)
    init(index: Int) { self.index = index }
}
