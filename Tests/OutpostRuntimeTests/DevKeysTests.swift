import Foundation
import Glibc
import OutpostTestSupport
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
        let pair = try PseudoTerminal()
        defer { pair.close() }
        let terminal = pair.terminal
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
}
