import Foundation
import Glibc
import Synchronization
import Testing

@testable import OutpostRuntime

/// `dev`'s hotkeys and the raw terminal mode they need.
struct DevKeysTests {
    @Test func xQuitsAndCClearsTheConsole() {
        let printed = Mutex<[String]>([])
        let quits = Mutex(0)
        let keys = DevKeys(url: "http://127.0.0.1:8787") { text in printed.withLock { $0.append(text) } }
        keys.handle("c") { quits.withLock { $0 += 1 } }
        #expect(printed.withLock { $0 } == ["\u{1B}[2J\u{1B}[3J\u{1B}[H"])
        keys.handle("q") { quits.withLock { $0 += 1 } }
        #expect(quits.withLock { $0 } == 0)
        keys.handle("x") { quits.withLock { $0 += 1 } }
        #expect(quits.withLock { $0 } == 1)
    }

    @Test func rawModeTurnsOffLineBufferingAndEchoAndIsRestored() throws {
        let (master, terminal) = try Self.pseudoTerminal()
        defer {
            close(terminal)
            close(master)
        }
        let null = open("/dev/null", O_RDONLY)
        defer { close(null) }
        #expect(RawTerminal.enter(null) == nil)
        let raw = try #require(RawTerminal.enter(terminal))
        var mode = termios()
        tcgetattr(terminal, &mode)
        #expect(mode.c_lflag & tcflag_t(ICANON) == 0)
        #expect(mode.c_lflag & tcflag_t(ECHO) == 0)
        #expect(mode.c_lflag & tcflag_t(ISIG) != 0, "Ctrl-C must still interrupt")
        raw.restore()
        tcgetattr(terminal, &mode)
        #expect(mode.c_lflag & tcflag_t(ICANON) != 0)
        #expect(mode.c_lflag & tcflag_t(ECHO) != 0)
    }

    /// A pseudo-terminal pair (master, terminal). Glibc's module leaves `posix_openpt` & co. out (they
    /// need `_XOPEN_SOURCE`), so they are looked up in the C library.
    private static func pseudoTerminal() throws -> (Int32, Int32) {
        typealias Open = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let address = dlsym(nil, name) else { throw PseudoTerminalMissing(name: name) }
            return unsafeBitCast(address, to: type)
        }
        let master = try symbol("posix_openpt", as: Open.self)(O_RDWR | O_NOCTTY)
        try #require(master >= 0)
        #expect(try symbol("grantpt", as: Open.self)(master) == 0)
        #expect(try symbol("unlockpt", as: Open.self)(master) == 0)
        let found = try symbol("ptsname", as: Name.self)(master)
        let name = try #require(found)
        let terminal = open(name, O_RDWR | O_NOCTTY)
        try #require(terminal >= 0)
        return (master, terminal)
    }
}

/// A C library function the pseudo-terminal test needs is missing.
private struct PseudoTerminalMissing: Error {
    let name: String
}
