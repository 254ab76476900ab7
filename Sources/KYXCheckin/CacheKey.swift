/// A memory-cache key with its hash computed once, before the cache's lock is taken: under the lock a
/// lookup costs a bucket probe and, on a match, one comparison (keys such as `session:<64 hex>` are
/// long enough for hashing to be most of a lookup, and every request looks keys up several times).
struct CacheKey: Hashable, Sendable {
    /// The key as given.
    let text: String
    private let hash: Int

    /// The key `text`, hashed now.
    init(_ text: String) {
        self.text = text
        hash = text.hashValue
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    static func == (lhs: CacheKey, rhs: CacheKey) -> Bool { lhs.hash == rhs.hash && lhs.text == rhs.text }
}
