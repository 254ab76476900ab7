import CFastCGI
import Foundation

/// Reads libfcgi's `NAME=value` parameter array.
enum FastCGIParams {
    /// Calls `body` with each parameter's name and value bytes, in the order received (the bytes are
    /// libfcgi's, valid for the call only).
    static func forEach(
        _ envp: FCGX_ParamArray?, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        guard let envp else { return }
        var index = 0
        while let entry = envp[index] {
            let length = strlen(entry)
            entry.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                guard let equals = memchr(bytes, Int32(UInt8(ascii: "=")), length) else { return }
                let nameLength = bytes.distance(to: equals.assumingMemoryBound(to: UInt8.self))
                body(
                    UnsafeBufferPointer(start: bytes, count: nameLength),
                    UnsafeBufferPointer(start: bytes + nameLength + 1, count: length - nameLength - 1))
            }
            index += 1
        }
    }
}
