import Foundation
import OutpostSQLite
import Synchronization
import Testing

/// The lock-free reader pool: a connection is lent to one borrower at a time, connections are kept for
/// the next borrower, and more borrowers than slots at once still get connections of their own.
struct SQLiteReaderSlotsTests {
    /// Opens in-memory connections and counts them.
    private final class Opener: Sendable {
        let opened = Atomic<Int>(0)
        var count: Int { opened.load(ordering: .relaxed) }
        func open() throws -> SQLiteConnectionBox {
            opened.add(1, ordering: .relaxed)
            return SQLiteConnectionBox(try SQLiteConnection(path: ":memory:"))
        }
    }

    @Test func aReturnedConnectionIsLentAgainInsteadOfOpeningAnother() throws {
        let slots = SQLiteReaderSlots()
        let opened = Opener()
        let first = try slots.borrow(open: opened.open)
        slots.giveBack(first)
        let second = try slots.borrow(open: opened.open)
        #expect(second.box === first.box)
        slots.giveBack(second)
        #expect(opened.count == 1)
    }

    @Test func moreBorrowersThanSlotsEachGetTheirOwnConnection() throws {
        let slots = SQLiteReaderSlots()
        let opened = Opener()
        let loans = try (0..<(SQLiteReaderSlots.count + 6)).map { _ in try slots.borrow(open: opened.open) }
        #expect(Set(loans.map { ObjectIdentifier($0.box) }).count == loans.count)
        #expect(loans.filter { $0.slot == nil }.count == 6)
        for loan in loans { slots.giveBack(loan) }
        // Both kinds are kept: borrowing as many again opens nothing.
        let again = try (0..<loans.count).map { _ in try slots.borrow(open: opened.open) }
        #expect(opened.count == loans.count)
        for loan in again { slots.giveBack(loan) }
    }

    @Test func aFailedOpenFreesItsSlot() throws {
        struct OpenFailed: Error {}
        let slots = SQLiteReaderSlots()
        #expect(throws: OpenFailed.self) { try slots.borrow(open: { throw OpenFailed() }) }
        let opened = Opener()
        let loan = try slots.borrow(open: opened.open)
        #expect(loan.slot == 0)
        slots.giveBack(loan)
    }

    @Test func threadsNeverShareALentConnection() throws {
        let slots = SQLiteReaderSlots()
        let opened = Opener()
        let lent = Mutex(Set<ObjectIdentifier>())
        let clashes = Mutex(0)
        let group = DispatchGroup()
        for _ in 0..<16 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for _ in 0..<2_000 {
                    guard let loan = try? slots.borrow(open: opened.open) else { continue }
                    let id = ObjectIdentifier(loan.box)
                    if !lent.withLock({ $0.insert(id).inserted }) { clashes.withLock { $0 += 1 } }
                    lent.withLock { _ = $0.remove(id) }
                    slots.giveBack(loan)
                }
            }
        }
        group.wait()
        #expect(clashes.withLock { $0 } == 0)
        #expect(opened.count <= 16)
    }
}
