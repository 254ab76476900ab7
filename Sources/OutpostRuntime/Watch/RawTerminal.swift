import Glibc

/// A terminal switched to reading key by key without echo (`ICANON` and `ECHO` off; `ISIG` stays on,
/// so Ctrl-C still interrupts), until `restore()` puts the saved mode back.
struct RawTerminal: Sendable {
    /// The terminal's descriptor.
    let fd: Int32
    private let saved: termios

    /// Switches `fd` to key-by-key reading; `nil` when it is not a terminal.
    static func enter(_ fd: Int32 = STDIN_FILENO) -> RawTerminal? {
        guard isatty(fd) == 1 else { return nil }
        var mode = termios()
        guard tcgetattr(fd, &mode) == 0 else { return nil }
        let saved = mode
        mode.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &mode.c_cc) { characters in
            characters[Int(VMIN)] = 1
            characters[Int(VTIME)] = 0
        }
        guard tcsetattr(fd, TCSANOW, &mode) == 0 else { return nil }
        return RawTerminal(fd: fd, saved: saved)
    }

    /// Puts the terminal back in the mode it had.
    func restore() {
        var mode = saved
        tcsetattr(fd, TCSANOW, &mode)
    }
}
