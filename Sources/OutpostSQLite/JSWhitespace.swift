/// JavaScript's whitespace (`\s` in a regular expression, what `trim()` removes), for code that must
/// cut SQL text exactly where wrangler cuts it.
package enum JSWhitespace {
    /// Whether `scalar` is JavaScript whitespace (line terminators included).
    package static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            true
        default:
            false
        }
    }

    /// `text.trim()`.
    package static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !contains($0) }),
            let end = scalars.lastIndex(where: { !contains($0) })
        else { return "" }
        return String(scalars[start...end])
    }
}
