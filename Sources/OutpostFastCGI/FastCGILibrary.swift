import CFastCGI
import Foundation

/// One-time libfcgi setup and the signal that wakes idle accept threads.
enum FastCGILibrary {
    private static let once: Void = {
        // libfcgi installs its own SIGTERM/SIGUSR1 handlers; the runtime handles signals itself, so
        // whatever was there before FCGX_Init is put back.
        var term = sigaction()
        var usr1 = sigaction()
        sigaction(SIGTERM, nil, &term)
        sigaction(SIGUSR1, nil, &usr1)
        FCGX_Init()
        sigaction(SIGTERM, &term, nil)
        sigaction(SIGUSR1, &usr1, nil)
        signal(SIGPIPE, SIG_IGN)
        // SIGUSR2 interrupts a blocked accept()/read() (no SA_RESTART) so stop() can wake idle threads.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGUSR2, &action, nil)
    }()

    static func initialize() { _ = once }
}

/// Reads libfcgi's `NAME=value` parameter array.
enum FastCGIParams {
    static func read(_ envp: FCGX_ParamArray?) -> [(name: String, value: String)] {
        guard let envp else { return [] }
        var params: [(name: String, value: String)] = []
        params.reserveCapacity(32)
        var index = 0
        while let entry = envp[index] {
            let length = strlen(entry)
            entry.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                let buffer = UnsafeBufferPointer(start: bytes, count: length)
                if let equals = buffer.firstIndex(of: UInt8(ascii: "=")) {
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

/// Reads FCGI_STDIN to its end, without buffering more than the limit.
enum FastCGIBodyReader {
    enum Outcome {
        case complete([UInt8])
        case tooLarge(Int)
    }

    /// Reads the body into an array sized by `CONTENT_LENGTH` (or grown as it arrives), bytes
    /// copied once; past `limit` the rest is read into `scratch` and dropped.
    static func read(
        _ stream: UnsafeMutablePointer<FCGX_Stream>?, contentLength: Int?, limit: Int, scratch: inout [UInt8]
    ) -> Outcome {
        guard let stream else { return .complete([]) }
        if let contentLength, contentLength > limit {
            return .tooLarge(contentLength + discard(stream, scratch: &scratch))
        }
        var body: [UInt8] = []
        if let contentLength, contentLength > 0 {
            body = [UInt8](unsafeUninitializedCapacity: contentLength) { buffer, count in
                count = fill(buffer, from: stream)
            }
        }
        // Whatever follows (no CONTENT_LENGTH, or more than it said) arrives through the scratch buffer.
        var total = body.count
        while true {
            let count = scratch.withUnsafeMutableBufferPointer { fill($0, from: stream) }
            if count == 0 { break }
            total += count
            if total <= limit { body.append(contentsOf: scratch[0..<count]) }
        }
        return total > limit ? .tooLarge(total) : .complete(body)
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

    /// Reads and drops the rest of the body; returns how many bytes there were.
    private static func discard(_ stream: UnsafeMutablePointer<FCGX_Stream>, scratch: inout [UInt8]) -> Int {
        var total = 0
        while true {
            let count = scratch.withUnsafeMutableBufferPointer { fill($0, from: stream) }
            if count == 0 { return total }
            total += count
        }
    }
}
