import Foundation
import Glibc
import OutpostTestSupport
import Synchronization
import Testing

/// Ports for the test servers: two stacks started at once must never be given the same one.
@Suite struct FreePortTests {
    @Test func portsFoundAtOnceOnManyThreadsAreAllDifferentAndBelowTheEphemeralRange() throws {
        let found = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 200) { _ in
            if let port = try? FreePort.find() { found.withLock { $0.append(port) } }
        }
        let ports = found.withLock { $0 }
        #expect(ports.count == 200)
        #expect(Set(ports).count == ports.count, "a port was handed out twice")
        let range = try String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)
        if let ephemeralStart = range.split(whereSeparator: \.isWhitespace).first.flatMap({ Int($0) }),
            ephemeralStart > 11_000
        {
            #expect(ports.allSatisfy { $0 >= 10_000 && $0 < ephemeralStart }, "\(ports.sorted())")
        }
    }

    @Test func aPortSomeoneListensOnIsPassedOver() throws {
        // Listen on the next port this process would be given; `find()` must skip it. (A test running
        // beside this one may have been given that port first: then try again.)
        for _ in 0..<10 {
            let probe = try FreePort.find()
            guard let listener = Self.listen(on: probe + 1) else { continue }
            defer { close(listener) }
            #expect(try FreePort.find() != probe + 1)
            return
        }
        Issue.record("could not listen on any port next to one FreePort gave")
    }

    private static func listen(on port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard bound, Glibc.listen(fd, 1) == 0 else {
            close(fd)
            return nil
        }
        return fd
    }
}
