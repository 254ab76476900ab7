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
}
