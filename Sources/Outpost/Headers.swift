/// HTTP headers: case-insensitive names, several values per name, insertion order kept.
///
/// JS equivalent: `Headers`. `get` joins repeated values with ", " as the Fetch standard does, except
/// `Set-Cookie`, whose values stay separate (`getSetCookie()`).
public struct Headers: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// The raw entries, in order, with the names as given.
    /// JS equivalent: `[...headers.entries()]`.
    public private(set) var entries: [(name: String, value: String)] = []

    /// No headers.
    /// JS equivalent: `new Headers()`.
    public init() {}

    /// Headers from name-value pairs, in order (repeated names are kept as repeated entries).
    /// JS equivalent: `new Headers([[name, value], …])`.
    public init(_ pairs: some Sequence<(String, String)>) {
        for (name, value) in pairs { append(name, value) }
    }

    /// Headers that take `entries` as they are (no copy per entry).
    /// JS equivalent: `new Headers([[name, value], …])`.
    public init(entries: [(name: String, value: String)]) {
        self.entries = entries
    }

    /// Headers from a literal, each pair appended in order. JS equivalent: `new Headers({ … })`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The values of `name` joined with ", ", or `nil`. JS equivalent: `headers.get(name)`.
    public func get(_ name: String) -> String? {
        var result: String?
        for entry in entries where Self.same(entry.name, name) {
            if let existing = result {
                result = existing + ", " + entry.value
            } else {
                result = entry.value
            }
        }
        return result
    }

    /// The values of `name` in order. Like `getSetCookie()`, but for any header.
    /// JS equivalent: `headers.getAll(name)` (workerd, `Set-Cookie` only) / `headers.get(name).split(", ")`.
    public func values(_ name: String) -> [String] {
        entries.filter { Self.same($0.name, name) }.map(\.value)
    }

    /// Every `Set-Cookie` value. JS equivalent: `headers.getSetCookie()`.
    public func getSetCookie() -> [String] { values("set-cookie") }

    /// Whether `name` is present. JS equivalent: `headers.has(name)`.
    public func has(_ name: String) -> Bool { entries.contains { Self.same($0.name, name) } }

    /// Replaces every value of `name` with `value`. JS equivalent: `headers.set(name, value)`.
    public mutating func set(_ name: String, _ value: String) {
        if let first = entries.firstIndex(where: { Self.same($0.name, name) }) {
            entries[first].value = value
            var position = entries.index(after: first)
            while position < entries.endIndex {
                if Self.same(entries[position].name, name) {
                    entries.remove(at: position)
                } else {
                    position += 1
                }
            }
        } else {
            entries.append((name, value))
        }
    }

    /// Adds a value for `name`, keeping the existing ones. JS equivalent: `headers.append(name, value)`.
    public mutating func append(_ name: String, _ value: String) {
        entries.append((name, value))
    }

    /// Removes every value of `name`. JS equivalent: `headers.delete(name)`.
    public mutating func delete(_ name: String) {
        entries.removeAll { Self.same($0.name, name) }
    }

    /// The value of `name` (joined), or sets it, replacing the others; `nil` deletes.
    /// JS equivalent: `headers.get(name)`.
    public subscript(name: String) -> String? {
        get { get(name) }
        set {
            if let newValue { set(name, newValue) } else { delete(name) }
        }
    }

    /// Whether there are no headers.
    /// JS equivalent: `[...headers.keys()].length === 0`.
    public var isEmpty: Bool { entries.isEmpty }

    /// Iterates entries in order, names as given. (JS iterates lowercased, sorted and joined.)
    /// JS equivalent: `headers[Symbol.iterator]()`.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        entries.makeIterator()
    }

    /// Whether both hold the same contents.
    public static func == (lhs: Headers, rhs: Headers) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { same($0.name, $1.name) && $0.value == $1.value }
    }

    /// Whether two header names are equal ignoring ASCII case (no allocation).
    /// JS equivalent: none (header names compare case-insensitively).
    public static func same(_ lhs: String, _ rhs: String) -> Bool {
        // Most names compared differ in length (O(1) for native strings): no byte is read.
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let l?, let r?):
                if l == r { continue }
                if l | 0x20 != r | 0x20 || !(0x61...0x7A).contains(l | 0x20) { return false }
            default: return false
            }
        }
    }
}
