import Foundation
import Glibc

/// Describes a wait status: "exit code 1", "signal 6 (Aborted)".
enum WaitStatus {
    static func describe(_ status: Int32) -> String {
        if status & 0x7F == 0 { return "exit code \((status >> 8) & 0xFF)" }
        let signal = status & 0x7F
        return "signal \(signal) (\(String(cString: strsignal(signal))))"
    }

    static func exitCode(_ status: Int32) -> Int32? {
        status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
    }

    /// Whether the process exited with code 0 or was ended by a signal that asks a process to stop
    /// (`SIGINT`, `SIGTERM`, `SIGQUIT`, `SIGHUP`): what a worker process still starting does when a
    /// terminal's Ctrl-C reaches the whole process group before it installed its handlers.
    static func isCleanStop(_ status: Int32) -> Bool {
        if let code = exitCode(status) { return code == 0 }
        return [SIGINT, SIGTERM, SIGQUIT, SIGHUP].contains(status & 0x7F)
    }
}
