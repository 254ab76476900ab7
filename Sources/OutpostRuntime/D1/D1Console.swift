import Foundation
import Synchronization

/// Where a `d1` command writes and how it asks: standard output and error and the terminal, or a
/// buffer (for running the commands in-process).
///
/// `confirm` is wrangler's: with no terminal (or under CI) the question is still printed, followed by
/// wrangler's line saying the fallback answer (yes) was used.
package final class D1Console: Sendable {
    private let sink: (@Sendable (_ text: String, _ toError: Bool) -> Void)?
    private let answer: @Sendable () -> String?
    /// Whether questions are asked (a terminal on stdin and stdout, not under CI).
    package let isInteractive: Bool
    private let captured = Mutex<(out: String, err: String)>(("", ""))

    /// The process's standard output and error; interactive when both stdin and stdout are terminals and
    /// `CI` is unset (or `false`).
    package static func standard() -> D1Console {
        let ci = ProcessInfo.processInfo.environment["CI"].map { $0 != "false" && $0 != "0" } ?? false
        return D1Console(
            interactive: isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && !ci,
            answer: { readLine() },
            sink: { text, toError in
                (toError ? FileHandle.standardError : FileHandle.standardOutput).write(Data(text.utf8))
            })
    }

    /// A console that keeps what is written (`output`, `errors`) and never asks.
    package static func capturing() -> D1Console {
        D1Console(interactive: false, answer: { nil }, sink: nil)
    }

    private init(
        interactive: Bool, answer: @escaping @Sendable () -> String?,
        sink: (@Sendable (String, Bool) -> Void)?
    ) {
        isInteractive = interactive
        self.answer = answer
        self.sink = sink
    }

    /// What was written to standard output (capturing consoles only).
    package var output: String { captured.withLock { $0.out } }
    /// What was written to standard error (capturing consoles only).
    package var errors: String { captured.withLock { $0.err } }

    /// Writes `line` and a newline to standard output.
    package func print(_ line: String) { write(line + "\n", toError: false) }

    /// Writes `line` and a newline to standard error.
    package func printError(_ line: String) { write(line + "\n", toError: true) }

    /// wrangler's warning on standard error.
    package func warn(_ message: String) { printError("▲ [WARNING] " + message) }

    private func write(_ text: String, toError: Bool) {
        guard let sink else {
            captured.withLock { toError ? $0.err.append(text) : $0.out.append(text) }
            return
        }
        sink(text, toError)
    }

    /// wrangler's `confirm` (default and fallback yes).
    package func confirm(_ question: String) -> Bool {
        guard isInteractive else {
            print("? " + question)
            print("🤖 Using fallback value in non-interactive context: yes")
            return true
        }
        write("? " + question + " (Y/n) ", toError: false)
        let reply = (answer() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        return reply.isEmpty || reply == "y" || reply == "yes"
    }
}
