import CFastCGI
import Foundation

/// Reads libfcgi's `NAME=value` parameter array.
enum FastCGIParams {
    /// The parameters `CGIRequestMapper` reads, in order received. Only those become Strings: nginx
    /// sends about as many it never looks at (`DOCUMENT_ROOT`, `SCRIPT_NAME`, `QUERY_STRING`, …).
    static func read(_ envp: FCGX_ParamArray?) -> [(name: String, value: String)] {
        guard let envp else { return [] }
        var params: [(name: String, value: String)] = []
        params.reserveCapacity(24)
        var index = 0
        while let entry = envp[index] {
            let length = strlen(entry)
            entry.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                let buffer = UnsafeBufferPointer(start: bytes, count: length)
                if let equals = buffer.firstIndex(of: UInt8(ascii: "=")),
                    CGIRequestMapper.reads(UnsafeBufferPointer(rebasing: buffer[..<equals]))
                {
                    params.append(
                        (
                            String(decoding: buffer[..<equals], as: UTF8.self),
                            String(decoding: buffer[(equals + 1)...], as: UTF8.self)
                        ))
                }
            }
            index += 1
        }
        return params
    }
}
