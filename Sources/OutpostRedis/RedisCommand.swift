/// A command's arguments laid out in one buffer, so hiredis can be handed an argv without one
/// allocation per argument.
///
/// JS equivalent: none.
struct RedisCommand {
    private(set) var bytes: [UInt8] = []
    private(set) var lengths: [Int] = []

    /// A command whose arguments are `arguments` (the first is the command name).
    init(_ arguments: String...) {
        for argument in arguments { append(argument) }
    }

    /// The total size of the arguments in bytes.
    var byteCount: Int { bytes.count }

    /// Appends a text argument (its UTF-8 bytes).
    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        lengths.append(text.utf8.count)
    }

    /// Appends a binary argument.
    mutating func append(_ data: [UInt8]) {
        bytes.append(contentsOf: data)
        lengths.append(data.count)
    }

    /// Appends every argument of `other`.
    mutating func append(contentsOf other: RedisCommand) {
        bytes.append(contentsOf: other.bytes)
        lengths.append(contentsOf: other.lengths)
    }

    /// Appends a decimal integer argument.
    mutating func append(_ number: Int64) { append(String(number)) }

    /// Calls `body` with hiredis's `argc`, `argv` and `argvlen` pointing into this command's buffer.
    func withArgv<T>(
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) throws -> T
    ) rethrows -> T {
        try bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            var argv: [UnsafePointer<CChar>?] = []
            argv.reserveCapacity(lengths.count)
            var offset = 0
            for length in lengths {
                argv.append((base + offset).assumingMemoryBound(to: CChar.self))
                offset += length
            }
            return try argv.withUnsafeMutableBufferPointer { argvBuffer in
                try lengths.withUnsafeBufferPointer { lengthBuffer in
                    try body(Int32(lengths.count), argvBuffer.baseAddress!, lengthBuffer.baseAddress!)
                }
            }
        }
    }
}
