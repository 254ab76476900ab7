/// Small helpers for URL text that avoid a full URL parse on the request path.
package enum URLText {
    /// `text` with bytes a URL may not hold (controls, space, quotes, `<>\^`{|}`, non-ASCII) percent-encoded.
    package static func encodingInvalidBytes(_ text: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte > 0x20, byte < 0x7F, !"\"<>\\^`{|}".utf8.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + hexDigit(byte >> 4) + hexDigit(byte & 0x0F)
            }
        }
        return encoded
    }

    /// The path of a request target (`/a%20b?x` → `/a b`): `%XX` decoded, `+` kept.
    package static func decodedPath(ofTarget target: Substring.UTF8View) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(target.count)
        var index = target.startIndex
        while index < target.endIndex {
            let byte = target[index]
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            let next = target.index(after: index)
            if byte == UInt8(ascii: "%"), next < target.endIndex, target.index(after: next) < target.endIndex,
                let high = hexValue(target[next]), let low = hexValue(target[target.index(after: next)])
            {
                out.append(high << 4 | low)
                index = target.index(index, offsetBy: 3)
                continue
            }
            out.append(byte)
            index = next
        }
        return out.isEmpty ? "/" : String(decoding: out, as: UTF8.self)
    }

    private static func hexDigit(_ value: UInt8) -> String {
        String(UnicodeScalar(value < 10 ? 0x30 + value : 0x41 + value - 10))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
