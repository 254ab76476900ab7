import CFastCGI
import Foundation

/// Reads FCGI_STDIN to its end, never buffering more than the limit.
enum FastCGIBodyReader {
    enum Outcome {
        case complete([UInt8])
        /// The body is larger than the limit: at least this many bytes. Reading stopped there (the
        /// rest is left to libfcgi's close, which drains it).
        case tooLarge(Int)
    }

    /// Reads the body into an array sized by `CONTENT_LENGTH` (or grown as it arrives, whatever
    /// CONTENT_LENGTH says), bytes copied once; stops as soon as more than `limit` bytes are known.
    static func read(
        _ stream: UnsafeMutablePointer<FCGX_Stream>?, contentLength: Int?, limit: Int, scratch: inout [UInt8]
    ) -> Outcome {
        guard let stream else { return .complete([]) }
        if let contentLength, contentLength > limit { return .tooLarge(contentLength) }
        var body: [UInt8] = []
        if let contentLength, contentLength > 0 {
            body = [UInt8](unsafeUninitializedCapacity: contentLength) { buffer, count in
                count = fill(buffer, from: stream)
            }
        }
        // Whatever follows (no CONTENT_LENGTH, or more than it said) arrives through the scratch buffer.
        while true {
            // One byte past the limit is enough to know the body is too large.
            let room = min(scratch.count - 1, limit - body.count) + 1
            let count = scratch.withUnsafeMutableBufferPointer { buffer in
                fill(UnsafeMutableBufferPointer(rebasing: buffer[..<room]), from: stream)
            }
            if count == 0 { return .complete(body) }
            if body.count + count > limit { return .tooLarge(body.count + count) }
            body.append(contentsOf: scratch[0..<count])
        }
    }

    /// Reads until `buffer` is full or the stream ends; returns the bytes read.
    private static func fill(
        _ buffer: UnsafeMutableBufferPointer<UInt8>, from stream: UnsafeMutablePointer<FCGX_Stream>
    ) -> Int {
        var filled = 0
        while filled < buffer.count {
            let pointer = UnsafeMutableRawPointer(buffer.baseAddress! + filled).assumingMemoryBound(to: CChar.self)
            let count = FCGX_GetStr(pointer, Int32(buffer.count - filled), stream)
            if count <= 0 { break }
            filled += Int(count)
        }
        return filled
    }
}
