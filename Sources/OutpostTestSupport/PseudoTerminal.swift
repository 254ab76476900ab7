import Glibc

/// A pseudo-terminal pair, for tests of what a program does on a terminal (`dev`'s keys): write to
/// `master` what a person types, hand `terminal` to the program as its standard input.
public struct PseudoTerminal: Sendable {
    /// The controlling side: what is written here is read from `terminal`.
    public let master: Int32
    /// The terminal device's descriptor.
    public let terminal: Int32

    /// Opens a new pair. Glibc's module leaves `posix_openpt` & co. out (they need `_XOPEN_SOURCE`),
    /// so they are looked up in the C library.
    public init() throws {
        typealias Open = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let address = dlsym(nil, name) else { throw TestHarnessError("\(name) not found") }
            return unsafeBitCast(address, to: type)
        }
        master = try symbol("posix_openpt", as: Open.self)(O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw TestHarnessError("posix_openpt failed") }
        guard try symbol("grantpt", as: Open.self)(master) == 0, try symbol("unlockpt", as: Open.self)(master) == 0,
            let name = try symbol("ptsname", as: Name.self)(master)
        else {
            Glibc.close(master)
            throw TestHarnessError("cannot set up the pseudo-terminal")
        }
        terminal = open(name, O_RDWR | O_NOCTTY)
        guard terminal >= 0 else {
            Glibc.close(master)
            throw TestHarnessError("cannot open \(String(cString: name))")
        }
    }

    /// Types `text` on the terminal.
    public func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Closes both sides.
    public func close() {
        Glibc.close(terminal)
        Glibc.close(master)
    }
}
