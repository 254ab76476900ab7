import Synchronization

/// The reader connections of one file, lent without a lock: 64 slots whose use is one atomic bit
/// each, taken by a compare-and-swap and given back by an atomic AND. Under load every request of
/// every accept thread borrows a reader; behind a `Mutex` (two locks per read) the threads queued
/// on each other and slept in futex calls. Beyond 64 readers at once the extra connections wait in a
/// locked list.
package final class SQLiteReaderSlots: @unchecked Sendable {
    /// A borrowed reader: its slot (`nil` for an overflow connection) and the connection.
    package struct Loan {
        /// The slot lent, or `nil` for an overflow connection.
        package let slot: Int?
        /// The connection.
        package let box: SQLiteConnectionBox
    }

    /// How many readers are lent without a lock.
    package static let count = 64
    /// Bit `i` set: slot `i` is lent out.
    private let inUse = Atomic<UInt64>(0)
    // Slot `i` is read and written only by the thread holding bit `i` (the CAS orders the accesses).
    private let connections: UnsafeMutablePointer<SQLiteConnectionBox?>
    private let overflow = Mutex<[SQLiteConnectionBox]>([])

    /// No readers yet: each slot opens its connection on first use.
    package init() {
        connections = .allocate(capacity: Self.count)
        connections.initialize(repeating: nil, count: Self.count)
    }

    deinit {
        connections.deinitialize(count: Self.count)
        connections.deallocate()
    }

    /// A reader: the lowest free slot's connection (opened by `open` the first time), else an overflow one.
    package func borrow(open: () throws -> SQLiteConnectionBox) throws -> Loan {
        var current = inUse.load(ordering: .relaxed)
        while current != .max {
            let slot = (~current).trailingZeroBitCount
            let (exchanged, original) = inUse.compareExchange(
                expected: current, desired: current | (1 << slot), ordering: .acquiring)
            if exchanged {
                if let box = connections[slot] { return Loan(slot: slot, box: box) }
                do {
                    let box = try open()
                    connections[slot] = box
                    return Loan(slot: slot, box: box)
                } catch {
                    inUse.bitwiseAnd(~(1 << slot), ordering: .releasing)
                    throw error
                }
            }
            current = original
        }
        return Loan(slot: nil, box: try overflow.withLock { $0.popLast() } ?? open())
    }

    /// Takes back what `borrow` lent.
    package func giveBack(_ loan: Loan) {
        if let slot = loan.slot {
            inUse.bitwiseAnd(~(1 << slot), ordering: .releasing)
        } else {
            overflow.withLock { $0.append(loan.box) }
        }
    }
}
