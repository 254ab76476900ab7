/// The byte range of keys that start with a prefix, for backends that list from an ordered index.
///
/// JS equivalent: none (how a KV backend answers `list({ prefix })`).
package enum KVPrefixRange {
    /// The smallest byte string greater than every string starting with `prefix`, or `nil` for no bound.
    package static func successor(of prefix: [UInt8]) -> [UInt8]? {
        var bytes = prefix
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return bytes
            }
            bytes.removeLast()
        }
        return nil
    }
}
