import Foundation
import Glibc

/// wrangler's hotkeys for `dev`, read key by key from a terminal on a thread of their own: `b` opens
/// the browser, `c` clears the console, `x` quits (as Ctrl-C does).
struct DevKeys: Sendable {
    /// The line printed once at start.
    static let help = "[b] open a browser, [c] clear console, [x] to exit"

    /// The URL `b` opens.
    let url: String
    /// Where the keys' messages go.
    let print: @Sendable (String) -> Void

    /// Reads keys from `terminal` until it ends; `quit` is what `x` does.
    func start(on terminal: RawTerminal, quit: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while true {
                let count = read(terminal.fd, &byte, 1)
                if count < 0, errno == EINTR { continue }
                if count <= 0 { return }
                handle(Character(UnicodeScalar(byte)), quit: quit)
            }
        }
    }

    /// Does what `key` asks.
    func handle(_ key: Character, quit: @Sendable () -> Void) {
        switch key.lowercased() {
        case "b": openBrowser()
        case "c": print("\u{1B}[2J\u{1B}[3J\u{1B}[H")
        case "x": quit()
        default: break
        }
    }

    private func openBrowser() {
        guard let opener = ExecutableSearch.find("xdg-open") else {
            print("Open \(url) in your browser.\n")
            return
        }
        do {
            let process = try ChildProcess.spawn(path: opener, arguments: [opener, url])
            // Reaped on a thread of its own, so no zombie is left and the keys are not held up.
            Thread.detachNewThread { _ = process.wait() }
        } catch {
            print("Cannot start xdg-open (\(error)); open \(url) in your browser.\n")
        }
    }
}
