import CFastCGI
import Logging
import Outpost
import Synchronization

/// Writes a response to libfcgi's FCGI_STDOUT stream.
struct FastCGIWriter {
    let stream: UnsafeMutablePointer<FCGX_Stream>?

    /// Writes head and body; a stream body is written chunk by chunk with a flush after each.
    func send(_ response: Response, isHead: Bool, executor: AcceptThreadExecutor, logger: Logger) throws {
        switch response.body {
        case .bytes(let bytes) where !isHead && bytes.count < 16 * 1024:
            // Head and a small body in one buffer and one write.
            var out = try ResponseHead.serialize(response, extraCapacity: bytes.count)
            out.append(contentsOf: bytes)
            put(out)
            return
        default: break
        }
        let head = try ResponseHead.serialize(response)
        switch response.body {
        case .empty:
            put(head)
        case .bytes(let bytes):
            put(head)
            if !isHead { put(bytes) }
        case .stream(let stream):
            put(head)
            flush()
            if isHead { return }
            let chunks = StreamPump(stream, executor: executor)
            do {
                while let chunk = try chunks.next() {
                    if chunk.isEmpty { continue }
                    put(chunk)
                    flush()
                }
            } catch {
                logger.error("response stream failed; the response was cut short", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Writes a simple response, ignoring header errors (used for runtime-made responses).
    func write(_ response: Response, head isHead: Bool) {
        guard let head = try? ResponseHead.serialize(response) else { return }
        put(head)
        if !isHead, case .bytes(let bytes) = response.body { put(bytes) }
    }

    private func put(_ bytes: [UInt8]) {
        guard let stream, !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { buffer in
            _ = FCGX_PutStr(buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(buffer.count), stream)
        }
    }

    private func flush() {
        guard let stream else { return }
        FCGX_FFlush(stream)
    }
}
