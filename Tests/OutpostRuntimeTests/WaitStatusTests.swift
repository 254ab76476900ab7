import Glibc
import Testing

@testable import OutpostRuntime

/// Which ends of a worker process count as a clean stop while the pool is stopping.
@Suite struct WaitStatusTests {
    /// A wait status as `waitpid` reports it.
    private func exited(_ code: Int32) -> Int32 { code << 8 }

    @Test func exitCodeZeroAndTheStopSignalsAreCleanStops() {
        #expect(WaitStatus.isCleanStop(exited(0)))
        // A terminal's Ctrl-C reaches the whole process group, a worker still starting included.
        for signal in [SIGINT, SIGTERM, SIGQUIT, SIGHUP] { #expect(WaitStatus.isCleanStop(signal)) }
    }

    @Test func failuresAndCrashesAreNot() {
        #expect(!WaitStatus.isCleanStop(exited(1)))
        #expect(!WaitStatus.isCleanStop(exited(78)))
        for signal in [SIGKILL, SIGSEGV, SIGABRT, SIGBUS] { #expect(!WaitStatus.isCleanStop(signal)) }
    }
}
