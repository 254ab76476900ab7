import Foundation
import Glibc
import OutpostTestSupport
import Synchronization
import Testing

@testable import OutpostDqlite

/// The dqlite client's socket: a failed connection attempt (a node that is down) releases its
/// descriptor exactly once, so it never closes a descriptor another thread has opened since.
@Suite(.serialized) struct DqliteSocketTests {
    @Test func aRefusedConnectionClosesOnlyItsOwnDescriptor() throws {
        let port = try FreePort.find()  // nothing listens there: every connect is refused at once
        let stop = Atomic(false)
        let lost = Atomic(0)
        // Another thread keeps opening files, each of which takes the lowest free descriptor number —
        // the one a refused attempt has just released — and checks it is still open before closing it.
        let opener = Thread {
            while !stop.load(ordering: .relaxed) {
                let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { continue }
                for _ in 0..<50 { _ = getpid() }
                if fcntl(fd, F_GETFD) == -1 {
                    lost.add(1, ordering: .relaxed)
                } else {
                    close(fd)
                }
            }
        }
        opener.start()
        for _ in 0..<20_000 {
            _ = try? DqliteSocket(address: "127.0.0.1:\(port)", deadline: .now + .seconds(1))
        }
        stop.store(true, ordering: .relaxed)
        #expect(lost.load(ordering: .relaxed) == 0, "descriptors of another thread closed by failed connects")
    }
}
