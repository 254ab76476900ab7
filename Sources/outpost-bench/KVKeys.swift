/// The keys and values the KV benchmark stores: `key/000000042` (sorted as numbered), 100-byte ASCII values.
enum KVKeys {
    /// The bytes of every value.
    static let valueLength = 100

    /// The key of entry `index`: zero-padded so byte order is numeric order.
    static func key(_ index: Int) -> String {
        "key/" + zeroPadded(index, width: 9)
    }

    /// A key that sorts right after `key(index)` and is never stored.
    static func missingKey(_ index: Int) -> String {
        key(index) + "-miss"
    }

    /// A `valueLength`-byte ASCII value that varies with `seed`.
    static func value(_ seed: Int) -> String {
        let head = "value-\(seed)-"
        let filler = "abcdefghijklmnopqrstuvwxyz0123456789"
        var text = head
        while text.utf8.count < valueLength { text += filler }
        return String(text.utf8.prefix(valueLength)) ?? head
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
