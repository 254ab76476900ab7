import Foundation
import Glibc
import OutpostFastCGI
import Testing

struct ListenSocketTests {
    private func temporarySocketPath() -> String {
        NSTemporaryDirectory() + "/outpost-listen-\(UUID().uuidString.prefix(8))/test.sock"
    }

    @Test func unixSocketGetsTheModeAndGroup() throws {
        let path = temporarySocketPath()
        let group = getgrnam("nogroup") != nil ? "nogroup" : nil
        let fd = try ListenSocket.open(.unix(path: path), mode: 0o660, group: group)
        defer {
            close(fd)
            ListenSocket.remove(.unix(path: path))
        }
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
        if let group, let entry = getgrnam(group) { #expect(info.st_gid == entry.pointee.gr_gid) }
    }

    @Test func aStaleSocketFileIsReplacedButALiveOneIsRefused() throws {
        let path = temporarySocketPath()
        let first = try ListenSocket.open(.unix(path: path))
        #expect(throws: ListenError.self) { try ListenSocket.open(.unix(path: path)) }
        close(first)  // the file stays behind, as after a crash
        #expect(FileManager.default.fileExists(atPath: path))
        // Other tests spawn processes at the same time; a child forked before its exec briefly holds
        // every descriptor, so the closed socket can look alive for a moment: retry for up to 2 s.
        var second: Int32?
        for _ in 0..<100 where second == nil {
            second = try? ListenSocket.open(.unix(path: path))
            if second == nil { usleep(20_000) }
        }
        #expect(second != nil, "the stale socket file was not replaced")
        if let second { close(second) }
        ListenSocket.remove(.unix(path: path))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func unknownGroupIsAClearError() {
        #expect(throws: ListenError.self) {
            _ = try ListenSocket.open(.unix(path: temporarySocketPath()), group: "no-such-group-outpost")
        }
    }

    @Test func tcpOnLoopback() throws {
        let fd = try ListenSocket.open(.tcp(host: "127.0.0.1", port: 0))
        close(fd)
        #expect(throws: ListenError.self) { try ListenSocket.open(.tcp(host: "not-an-ip", port: 9000)) }
    }
}
