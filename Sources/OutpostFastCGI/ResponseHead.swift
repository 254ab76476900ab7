public import Outpost

/// Writes the CGI response head: `Status:` line, headers (each `Set-Cookie` on its own line), blank line.
public enum ResponseHead {
    /// The head of `response` as bytes, with `Content-Length` added for an in-memory body
    /// and `X-Accel-Buffering: no` for a stream. Throws when a header would allow response splitting.
    /// `extraCapacity` reserves room for bytes the caller appends (the body, sent in one write).
    public static func serialize(
        _ response: Response, extraCapacity: Int = 0
    ) throws(InvalidHeaderError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + extraCapacity)
        out.append(contentsOf: "Status: ".utf8)
        appendDecimal(response.status, to: &out)
        out.append(0x20)
        out.append(contentsOf: Response.reasonPhrase(for: response.status).utf8)
        out.append(contentsOf: [13, 10])
        var hasLength = false
        var hasBuffering = false
        for (name, value) in response.headers.entries {
            guard isToken(name) else { throw InvalidHeaderError(name: name) }
            guard isSafeValue(value) else { throw InvalidHeaderError(name: name) }
            if Headers.same(name, "content-length") { hasLength = true }
            if Headers.same(name, "x-accel-buffering") { hasBuffering = true }
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: [0x3A, 0x20])
            out.append(contentsOf: value.utf8)
            out.append(contentsOf: [13, 10])
        }
        switch response.body {
        case .bytes(let bytes) where !hasLength:
            out.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(bytes.count, to: &out)
            out.append(contentsOf: [13, 10])
        case .empty where !hasLength && response.status != 204 && response.status != 304:
            out.append(contentsOf: "Content-Length: 0\r\n".utf8)
        case .stream where !hasBuffering:
            out.append(contentsOf: "X-Accel-Buffering: no\r\n".utf8)
        default: break
        }
        out.append(contentsOf: [13, 10])
        return out
    }

    /// Appends `value` in decimal, without making a String of it.
    package static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }

    /// Whether `name` is an HTTP token (RFC 9110 `tchar`s, at least one).
    static func isToken(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                continue
            case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
                UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                continue
            default: return false
            }
        }
        return true
    }

    static func isSafeValue(_ value: String) -> Bool {
        !value.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    }
}
