import Foundation
import Glibc

extension ChildProcess {
    /// Runs `arguments` (argv[0] is the program's path) to its end with standard output and error
    /// joined, handing the output to `output` as it comes (in chunks of bytes, not lines) and standard input
    /// on `/dev/null`; returns the wait status. Blocks the calling thread: call it from a dedicated one.
    static func run(_ arguments: [String], output: (ArraySlice<UInt8>) -> Void) throws -> Int32 {
        var fds: [Int32] = [0, 0]
        // A socket pair is created close-on-exec atomically (Glibc offers no `pipe2`), so no process
        // spawned meanwhile by another thread keeps the write end and the read below sees its end.
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else {
            throw RuntimeError("cannot create an output pipe: \(String(cString: strerror(errno)))")
        }
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { if null >= 0 { close(null) } }
        let process: ChildProcess
        do {
            process = try spawn(
                path: arguments[0], arguments: arguments, inherit: [0: null, 1: fds[1], 2: fds[1]])
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            output(buffer[..<count])
        }
        close(fds[0])
        return process.wait()
    }
}
