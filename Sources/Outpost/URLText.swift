/// Small helpers for URL text that avoid a full URL parse on the request path.
package enum URLText {
    /// Whether `text` holds a byte a URL may not hold (controls, space, quotes, `<>\^`{|}`, non-ASCII).
    package static func needsEncoding(_ text: String) -> Bool {
        text.utf8.contains { !isAllowed($0) }
    }

    /// `text` with the bytes `needsEncoding` looks for percent-encoded.
    package static func encodingInvalidBytes(_ text: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isAllowed(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + hexDigit(byte >> 4) + hexDigit(byte & 0x0F)
            }
        }
        return encoded
    }

    /// `%XX` sequences decoded (and `+` as a space when `plusAsSpace`, as in form data); malformed
    /// escapes are kept as they are.
    package static func percentDecoded(_ bytes: some Collection<UInt8>, plusAsSpace: Bool) -> String {
        // Most names, values and paths hold no escape: their text is the bytes as they are.
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let bytes = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
                continue
            }
            out.append(plusAsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The path of a request target (`/a%20b?x` → `/a b`): `%XX` decoded, `+` kept.
    package static func decodedPath(ofTarget target: Substring.UTF8View) -> String {
        let path = target.prefix { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        return path.isEmpty ? "/" : percentDecoded(path, plusAsSpace: false)
    }

    /// Whether a URL may hold `byte`: printable ASCII but for `"<>\^`{|}`.
    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
            UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
            false
        default: byte > 0x20 && byte < 0x7F
        }
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
